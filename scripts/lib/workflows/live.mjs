// `npm run contract -- --workflows ...`: runs the service's Arazzo workflows against a live
// server. Read-only workflows only, unless --allow-writes; with writes every created resource
// is printed and deleted at the end, even after a failed step or Ctrl-C.
import crypto from 'node:crypto';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { repoRoot } from '../context.mjs';
import { loadSpec } from '../operations.mjs';
import { classifyWorkflows, workflowFiles } from './catalog.mjs';
import { deleteCreated, describeResource } from './cleanup.mjs';
import { startWorkflowProxy } from './proxy.mjs';
import { createResourceTracker } from './resources.mjs';
import { describeFailures, runRespect } from './respect.mjs';

export const WORKFLOWS_USAGE = `usage: npm run contract -- --workflows --service <name> --upstream <url> [options]

Runs the service's lifecycle workflows (spec/<service>/workflows/*.arazzo.yaml) against the
server at <url> with Redocly's Arazzo engine. Every argument is checked before anything is sent.
By default only the workflows that just read (every step a GET) run; nothing is changed.

  --allow-writes        also run the workflows that create, change and delete resources; every
                        resource created is printed and deleted at the end (newest first), even
                        when a step fails or the run is interrupted (Ctrl-C); what cannot be
                        deleted is reported with the request that deletes it by hand
  --workflow <id>       only this workflow (repeatable)
  --input <name=value>  a workflow input (repeatable), e.g. project_id=...; --list shows them
  --token <token>       IAM token (default: $HWC_AUTH_TOKEN); sent to <url> only
  --list                list the workflows and their inputs, send nothing
  --help                this text`;

const UNIQUE = 'x-unique-per-run';
const TOKEN_INPUT = 'token';

export function parseWorkflowArgs(argv, env = process.env) {
  const options = { inputs: {}, workflows: [], allowWrites: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--workflows') continue;
    else if (arg === '--service') options.service = next();
    else if (arg === '--upstream') options.upstream = next();
    else if (arg === '--allow-writes') options.allowWrites = true;
    else if (arg === '--workflow') options.workflows.push(next());
    else if (arg === '--token') options.token = next();
    else if (arg === '--list') options.list = true;
    else if (arg === '--input') {
      const [name, ...rest] = next().split('=');
      if (!name || rest.length === 0) throw new UsageError('--input takes name=value');
      if (name in options.inputs) throw new UsageError(`--input ${name} given twice`);
      options.inputs[name] = rest.join('=');
    } else throw new UsageError(`unknown argument ${arg} (with --workflows)`);
  }
  if (!options.service) throw new UsageError('--service names the service whose workflows run');
  if (options.list) return options;
  if (!options.upstream || !URL.canParse(options.upstream) || !/^https?:$/.test(new URL(options.upstream).protocol)) throw new UsageError('--upstream takes an http(s) URL');
  const upstream = new URL(options.upstream);
  if (upstream.username || upstream.password || upstream.search || upstream.hash) throw new UsageError('--upstream takes a base URL without credentials, query or fragment');
  // The token must not cross the network in clear text: plain http only to this machine.
  if (upstream.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(upstream.hostname)) throw new UsageError('--upstream: plain http only to this machine (127.0.0.1, localhost); use https');
  options.token ??= env['HWC_AUTH_TOKEN'];
  if (!options.token) throw new UsageError('needs an IAM token: --token <token> or HWC_AUTH_TOKEN');
  if (!/^[\x21-\x7e]{1,8192}$/.test(options.token)) throw new UsageError('the token holds characters a header cannot carry (spaces, line breaks, non-ASCII)');
  for (const [name, value] of Object.entries(options.inputs)) {
    if (/[\r\n\0]/.test(value)) throw new UsageError(`--input ${name}: line breaks are not allowed`);
  }
  if (TOKEN_INPUT in options.inputs) throw new UsageError('--input token: give the token with --token or HWC_AUTH_TOKEN');
  return options;
}

export class UsageError extends Error {}

/** The service's workflows with their files, inputs and whether they only read. */
export function serviceWorkflows(service, root = repoRoot) {
  const doc = loadSpec(service, root);
  const files = workflowFiles([{ name: service, root: path.join(root, 'spec', service, 'openapi.yaml') }]);
  return {
    doc,
    workflows: files.flatMap((file) => {
      const classes = classifyWorkflows(file.doc, doc);
      return (file.doc.workflows ?? []).map((workflow, i) => ({
        file: file.file,
        workflowId: workflow.workflowId,
        inputs: workflow.inputs ?? {},
        unique: workflow[UNIQUE] ?? [],
        steps: workflow.steps ?? [],
        readOnly: classes[i].readOnly,
        summary: workflow.summary ?? '',
      }));
    }),
  };
}

/**
 * The workflows to run and every input value, checked against each workflow's inputs schema.
 * @returns {{ chosen: object[], skipped: object[], inputs: Record<string, string>, generated: Record<string, string> }}
 */
export function planRun(options, workflows, placeholder) {
  const known = workflows.map((w) => w.workflowId);
  const unknown = options.workflows.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`no workflow ${unknown.join(', ')} for ${options.service} (known: ${known.join(', ') || 'none'})`);
  const named = options.workflows.length > 0 ? workflows.filter((w) => options.workflows.includes(w.workflowId)) : workflows;
  const writes = named.filter((w) => !w.readOnly);
  if (options.workflows.length > 0 && writes.length > 0 && !options.allowWrites) {
    throw new UsageError(`${writes.map((w) => w.workflowId).join(', ')} change(s) resources on the server: add --allow-writes to run it`);
  }
  const chosen = options.allowWrites ? named : named.filter((w) => w.readOnly);
  const skipped = named.filter((w) => !chosen.includes(w));
  if (chosen.length === 0) throw new UsageError(`no workflow to run for ${options.service}${skipped.length ? ' without --allow-writes' : ''}`);
  const declared = new Set(chosen.flatMap((w) => Object.keys(w.inputs.properties ?? {})));
  const extra = Object.keys(options.inputs).filter((name) => !declared.has(name));
  if (extra.length > 0) throw new UsageError(`--input ${extra.join(', ')}: not an input of ${chosen.map((w) => w.workflowId).join(', ')}`);
  const generated = {};
  const suffix = crypto.randomBytes(4).toString('hex');
  for (const w of chosen) {
    for (const name of w.unique) if (!(name in options.inputs)) generated[name] = `hwcoa-${suffix}`;
  }
  const inputs = { ...generated, ...options.inputs, [TOKEN_INPUT]: placeholder };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const problems = [];
  for (const w of chosen) {
    const schema = w.inputs;
    // Command-line values are text: an input declared as a number or boolean is checked as one.
    const values = Object.fromEntries(
      Object.entries(inputs)
        .filter(([name]) => name in (schema.properties ?? {}))
        .map(([name, value]) => [name, coerce(schema.properties[name], value)]),
    );
    const validate = ajv.compile(schema);
    if (!validate(values)) {
      for (const error of validate.errors ?? []) {
        if (error.keyword === 'required') problems.push(`${w.workflowId}: missing input ${error.params.missingProperty} (--input ${error.params.missingProperty}=...)`);
        else problems.push(`${w.workflowId}: input ${error.instancePath.slice(1)} ${error.message}`);
      }
    }
  }
  if (problems.length > 0) throw new UsageError(`the workflows' inputs are not complete or not valid:\n  ${[...new Set(problems)].join('\n  ')}`);
  return { chosen, skipped, inputs, generated };
}

function coerce(schema, value) {
  if (schema?.type === 'integer' || schema?.type === 'number') return Number.isFinite(Number(value)) && value.trim() !== '' ? Number(value) : value;
  if (schema?.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/**
 * @param {string[]} argv
 * @param {{ root?: string, env?: Record<string, string | undefined>, log?: (line: string) => void,
 *   error?: (line: string) => void, signals?: import('node:events').EventEmitter }} [options]
 *   signals: where SIGINT/SIGTERM arrive (the process; a test passes its own emitter)
 * Runs the command; resolves to the exit code (0 all passed and nothing left behind, 1 a
 * workflow failed or a resource is left, 2 a usage error: nothing was sent, 130 interrupted).
 */
export async function runWorkflowsCommand(argv, { root = repoRoot, env = process.env, log = (l) => console.log(l), error = (l) => console.error(l), signals = process } = {}) {
  let options;
  let service;
  let plan;
  const placeholder = `placeholder-${crypto.randomBytes(12).toString('hex')}`;
  try {
    options = parseWorkflowArgs(argv, env);
    service = serviceWorkflows(options.service, root);
    if (options.list) {
      for (const w of service.workflows) log(listing(w));
      return 0;
    }
    plan = planRun(options, service.workflows, placeholder);
  } catch (e) {
    if (e instanceof UsageError || e?.code === 'ENOENT') {
      error(`contract: ${e instanceof UsageError ? e.message : `no generated spec for ${options?.service} (run npm run generate)`}\n(npm run contract -- --workflows --help for usage)`);
      return 2;
    }
    throw e;
  }
  const tracker = createResourceTracker(options.service, service.doc);
  const blocked = [];
  const proxy = await startWorkflowProxy({
    upstream: options.upstream,
    token: options.token,
    placeholder,
    allowWrites: options.allowWrites,
    onExchange: (exchange) => {
      if (exchange.blocked) {
        blocked.push(exchange);
        return;
      }
      for (const resource of tracker.observe(exchange) ?? []) log(`  created ${describeResource(resource)} (${exchange.method} ${exchange.pathname} -> ${exchange.status})`);
    },
  });
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('contract: interrupted; stopping the workflows and deleting what they created');
    abort.abort();
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  let results = [];
  let runError;
  try {
    const mode = options.allowWrites ? 'writes allowed: created resources are deleted at the end' : 'read-only';
    log(`contract: ${plan.chosen.length} ${options.service} workflow(s) against ${options.upstream} (${mode})`);
    for (const w of plan.skipped) log(`  skipped ${w.workflowId}: it changes resources (add --allow-writes to run it)`);
    for (const [name, value] of Object.entries(plan.generated)) log(`  input ${name} = ${value} (generated for this run)`);
    const run = await runRespect({
      files: [...new Set(plan.chosen.map((w) => w.file))],
      servers: { [options.service]: proxy.url },
      inputs: plan.inputs,
      workflows: plan.chosen.map((w) => w.workflowId),
      cwd: root,
      signal: abort.signal,
    });
    results = run.results;
    if (!interrupted && results.length === 0) runError = `the Arazzo engine reported nothing (exit ${run.code}):\n${run.output.replaceAll(options.token, '***').slice(-2000)}`;
  } catch (e) {
    if (!interrupted) runError = e.message;
  } finally {
    await proxy.idle();
  }
  for (const w of results) {
    const failures = describeFailures([w]);
    log(`  ${w.passed ? 'passed' : 'FAILED'} ${w.workflowId} (${w.steps.length} step(s))${failures.length ? `\n    ${failures.join('\n    ')}` : ''}`);
  }
  if (runError) error(`contract: ${runError}`);
  if (blocked.length > 0) error(`contract: refused ${blocked.length} write request(s) of a read-only run: ${blocked.map((b) => `${b.method} ${b.pathname}`).join(', ')}`);
  let left = [];
  if (options.allowWrites) {
    signals.removeListener('SIGINT', onSignal);
    // A second Ctrl-C during the clean-up: say what is left, then stop.
    const onSecond = () => {
      const remaining = tracker.created.filter((r) => !r.deleted);
      error(`contract: clean-up interrupted; left on the server: ${remaining.map(describeResource).join(', ') || 'nothing'}`);
      process.exit(130);
    };
    signals.once('SIGINT', onSecond);
    ({ left } = await deleteCreated({ tracker, upstream: options.upstream, token: options.token, log }));
    signals.removeListener('SIGINT', onSecond);
  }
  signals.removeListener('SIGINT', onSignal);
  signals.removeListener('SIGTERM', onSignal);
  await proxy.close();
  const passed = results.filter((w) => w.passed).length;
  log(`contract: workflows ${passed} passed, ${results.length - passed} failed${interrupted ? ' (interrupted)' : ''}; ${tracker.created.length} resource(s) created, ${left.length} left on the server`);
  if (left.length > 0) error(`contract: NOT deleted: ${left.map((l) => `${describeResource(l.resource)} (${l.reason})`).join('; ')}`);
  if (interrupted) return 130;
  const allRan = plan.chosen.every((w) => results.some((r) => r.workflowId === w.workflowId));
  return !runError && allRan && passed === results.length && left.length === 0 && blocked.length === 0 ? 0 : 1;
}

function listing(w) {
  const inputs = Object.entries(w.inputs.properties ?? {})
    .filter(([name]) => name !== TOKEN_INPUT)
    .map(([name, schema]) => `      ${name}${w.unique.includes(name) ? ' (generated unless given)' : (w.inputs.required ?? []).includes(name) ? ' (required)' : ''}: ${schema.description ?? ''}`);
  return `  ${w.workflowId} [${w.readOnly ? 'read-only' : 'writes: needs --allow-writes'}] ${w.summary}\n${inputs.join('\n')}`;
}
