#!/usr/bin/env node
// `npm run contract -- --service vpcep --upstream <url> [--replay] [--param name=value ...]`:
// checks a real server against the spec through Prism's proxy. See README "Checking a real
// server against the spec".
import { formatReport, startContractProxy } from './lib/contract-proxy.mjs';
import { exampleRequests, loadSpec, operationsOf } from './lib/operations.mjs';
import { generatedServices } from './lib/prism.mjs';
import { exitAfterOutput } from './lib/exit.mjs';

// --checks: the live checks of scripts/lib/contract/ (their own arguments and --help).
if (process.argv.includes('--checks')) {
  const { main } = await import('./lib/contract/cli.mjs');
  await exitAfterOutput(await main(process.argv.slice(2).filter((arg) => arg !== '--checks')));
}

const USAGE = `usage: npm run contract -- --service <${generatedServices().join('|')}> --upstream <url> [options]

Starts Prism as a validating proxy (on 127.0.0.1) in front of <url> and reports every exchange
that breaks the spec. Every argument is checked before Prism starts.

  --replay              send every request example of the spec through the proxy, then exit
                        (1 if anything broke the spec); without it, print the proxy's URL and
                        report live until Ctrl-C
  --operation <id>      --replay only this operation (repeatable)
  --param <name=value>  a parameter value for --replay (e.g. project_id=...), instead of the spec's example
  --token <token>       X-Auth-Token for --replay (default: $HWC_AUTH_TOKEN); required with
                        --replay. Against \`npm run mock\` any value works (e.g. --token mock):
                        the mock checks that a token is present, not its value
  --help                this text

npm run contract -- --checks --help: checks a live server with requests derived from the spec
(conformance, requests it must refuse, 401, 405) instead of proxying.
npm run contract -- --workflows --help: running the lifecycle workflows against a server instead.`;

function parseArgs(argv) {
  const options = { params: {}, operations: [], replay: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (argv[i + 1] === undefined) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--service') options.service = next();
    else if (arg === '--upstream') options.upstream = next();
    else if (arg === '--replay') options.replay = true;
    else if (arg === '--operation') options.operations.push(next());
    else if (arg === '--token') options.token = next();
    else if (arg === '--param') {
      const [name, ...rest] = next().split('=');
      if (!name || rest.length === 0) fail('--param takes name=value');
      options.params[name] = rest.join('=');
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  if (!options.service || !generatedServices().includes(options.service)) fail('--service names a generated service');
  if (!options.upstream || !URL.canParse(options.upstream) || !/^https?:\/\//.test(options.upstream)) fail('--upstream takes an http(s) URL');
  if (options.operations.length > 0 && !options.replay) fail('--operation only applies to --replay');
  if (Object.keys(options.params).length > 0 && !options.replay) fail('--param only applies to --replay');
  if (options.replay) {
    options.token ??= process.env['HWC_AUTH_TOKEN'];
    if (!options.token) {
      fail('--replay needs an IAM token: --token <token> or HWC_AUTH_TOKEN (against `npm run mock`, any value, e.g. --token mock)');
    }
  }
  return options;
}

/** Every request --replay will send, built before Prism starts so a missing value fails first. */
function replayPlan(options) {
  const doc = loadSpec(options.service);
  const all = operationsOf(doc);
  const unknownOps = options.operations.filter((id) => !all.some((op) => op.operationId === id));
  if (unknownOps.length > 0) fail(`no operation ${unknownOps.join(', ')} in the ${options.service} spec (known: ${all.map((op) => op.operationId).join(', ')})`);
  const operations = all.filter((op) => options.operations.length === 0 || options.operations.includes(op.operationId));
  const declared = new Set(operations.flatMap((op) => op.parameters.map((p) => p.name)));
  const unused = Object.keys(options.params).filter((name) => !declared.has(name));
  if (unused.length > 0) fail(`--param ${unused.join(', ')}: no such parameter in ${operations.map((op) => op.operationId).join(', ')}`);
  const missing = [];
  for (const op of operations) {
    try {
      exampleRequests(doc, op, options.upstream, options.params);
    } catch (error) {
      missing.push(error.message);
    }
  }
  if (missing.length > 0) fail(`the spec has no example value for some required parameters:\n  ${missing.join('\n  ')}`);
  return { doc, operations };
}

function fail(message) {
  console.error(`contract: ${message}\n(npm run contract -- --help for usage)`);
  process.exit(2);
}

if (process.argv.includes('--workflows')) {
  // The Arazzo workflows: their own options and code (scripts/lib/workflows/).
  const { runWorkflowsCommand, WORKFLOWS_USAGE } = await import('./lib/workflows/live.mjs');
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(WORKFLOWS_USAGE);
    process.exit(0);
  }
  await exitAfterOutput(await runWorkflowsCommand(process.argv.slice(2)));
}

const options = parseArgs(process.argv.slice(2));
const plan = options.replay ? replayPlan(options) : null;
const proxy = await startContractProxy({
  service: options.service,
  upstream: options.upstream,
  onReport: (report) => console.log(formatReport(report)),
}).catch((error) => {
  console.error(`contract: ${error.message}`);
  process.exit(1);
});
console.log(`contract: ${options.service} spec, Prism proxy (pid ${proxy.prism.pid}) in front of ${options.upstream}`);

function summary() {
  const broken = proxy.reports.length;
  console.log(`contract: ${proxy.exchanges()} exchange(s), ${broken} broke the ${options.service} spec`);
  return broken === 0 ? 0 : 1;
}

if (plan) {
  let code = 0;
  try {
    for (const op of plan.operations) {
      for (const request of exampleRequests(plan.doc, op, proxy.url, options.params)) {
        const headers = { ...request.headers, 'X-Auth-Token': options.token };
        const response = await fetch(request.url, { method: request.method, headers, body: request.body, signal: AbortSignal.timeout(60_000) });
        await response.arrayBuffer();
        console.log(`  ${request.name}: ${request.method} ${new URL(request.url).pathname} -> ${response.status}`);
      }
    }
    code = summary();
  } catch (error) {
    console.error(`contract: ${error.message}`);
    code = 1;
  }
  await proxy.stop();
  await exitAfterOutput(code);
} else {
  console.log(`contract: send your requests to ${proxy.url} (instead of ${options.upstream}); Ctrl-C stops`);
  const stop = async () => {
    const code = summary();
    await proxy.stop();
    await exitAfterOutput(code);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
