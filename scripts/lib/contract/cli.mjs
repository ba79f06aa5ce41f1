// `npm run contract -- --checks ...`: arguments, plan, run, report. Every argument is checked
// (and every request built) before the first request is sent.
import { loadSpec } from '../operations.mjs';
import { generatedServices } from '../prism.mjs';
import { ChecksUsageError, planChecks } from './plan.mjs';
import { formatSummary, redact, requestLine } from './report.mjs';
import { DEFAULT_MAX_CASES, runChecks } from './run.mjs';

export const CHECKS_USAGE = `usage: npm run contract -- --checks --service <${generatedServices().join('|')}> --upstream <url> [options]

Sends requests derived from the spec to the server at <url> and reports where it departs from
the spec: responses that do not conform (status, headers, Content-Type, body), requests the spec
forbids that the server accepts, a missing or wrong credential that does not get 401, and a
method a path does not declare that does not get 405. Exits 1 when anything is found.

By default only operations that cannot change anything (GET) are called. Write operations are
called only with --allow-writes. The 405 check never uses DELETE: it sends GET, or PATCH, PUT or
POST with a body that is not JSON.

  --token <token>       X-Auth-Token (default: $HWC_AUTH_TOKEN); required. Never printed
  --param <name=value>  a parameter value (e.g. project_id=...), instead of the spec's example
  --operation <id>      check only this operation (repeatable)
  --allow-writes        also call write operations (POST, PUT, PATCH, DELETE): their example
                        requests, which can create, change or delete what --param names, and
                        requests the spec forbids, which the server must refuse
  --max-cases <n>       requests the spec forbids, per operation (default ${DEFAULT_MAX_CASES})
  --timeout <ms>        for each answer, headers and body (default 30000); a late one is a finding
  --verbose             print every request and its status
  --help                this text`;

/** One parsed spec per service and process: its compiled validators are cached with it. */
const specs = new Map();
const specOf = (service) => specs.get(service) ?? specs.set(service, loadSpec(service)).get(service);

export function parseChecksArgs(argv, env = process.env) {
  const options = { params: {}, operations: [], allowWrites: false, maxCases: DEFAULT_MAX_CASES, timeoutMs: 30_000, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (argv[i + 1] === undefined) throw new ChecksUsageError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--service') options.service = next();
    else if (arg === '--upstream') options.upstream = next();
    else if (arg === '--token') options.token = next();
    else if (arg === '--operation') options.operations.push(next());
    else if (arg === '--allow-writes') options.allowWrites = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--max-cases') {
      const text = next();
      if (!/^\d+$/.test(text)) throw new ChecksUsageError('--max-cases takes a whole number');
      options.maxCases = Number(text);
    } else if (arg === '--timeout') {
      const text = next();
      if (!/^[1-9]\d*$/.test(text)) throw new ChecksUsageError('--timeout takes milliseconds, a whole number above 0');
      options.timeoutMs = Number(text);
    } else if (arg === '--param') {
      const [name, ...rest] = next().split('=');
      if (!name || rest.length === 0) throw new ChecksUsageError('--param takes name=value');
      options.params[name] = rest.join('=');
    } else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new ChecksUsageError(`unknown argument ${arg}`);
  }
  if (options.help) return options;
  if (!options.service || !generatedServices().includes(options.service)) {
    throw new ChecksUsageError(`--service names a generated service (${generatedServices().join(', ')})${options.service ? `, not ${options.service}` : ''}`);
  }
  if (!options.upstream || !URL.canParse(options.upstream) || !/^https?:$/.test(new URL(options.upstream).protocol)) {
    throw new ChecksUsageError('--upstream takes an http(s) URL, e.g. https://vpcep.cn-north-4.myhuaweicloud.com');
  }
  const url = new URL(options.upstream);
  if (url.username || url.password) throw new ChecksUsageError('--upstream must not carry credentials: give the token with --token');
  if (url.search || url.hash) throw new ChecksUsageError('--upstream takes a base URL without query or fragment');
  options.token ??= env['HWC_AUTH_TOKEN'];
  if (!options.token) throw new ChecksUsageError('--checks needs an IAM token: --token <token> or HWC_AUTH_TOKEN (against `npm run mock`, any value, e.g. --token mock)');
  return options;
}

/** @returns {Promise<number>} the exit code: 0 nothing found, 1 findings or a failed run, 2 bad arguments */
export async function main(argv, { env = process.env, out = console.log, err = console.error } = {}) {
  let options;
  let plan;
  const secrets = () => [options?.token ?? env['HWC_AUTH_TOKEN']].filter(Boolean);
  const print = (write, text) => write(redact(text, secrets()));
  try {
    options = parseChecksArgs(argv, env);
    if (options.help) {
      out(CHECKS_USAGE);
      return 0;
    }
    plan = planChecks({ service: options.service, doc: specOf(options.service), upstream: options.upstream, params: options.params, operations: options.operations, allowWrites: options.allowWrites });
  } catch (error) {
    if (!(error instanceof ChecksUsageError)) throw error;
    print(err, `contract: ${error.message}\n(npm run contract -- --checks --help for usage)`);
    return 2;
  }
  const origin = new URL(options.upstream).origin;
  const sent = plan.operations.filter((e) => e.checked).length;
  print(out, `contract --checks: ${options.service} spec against ${origin} (${sent} of ${plan.operations.length} operation(s) called${options.allowWrites ? ', writes allowed' : ''})`);
  try {
    const result = await runChecks(plan, {
      token: options.token,
      maxCases: options.maxCases,
      timeoutMs: options.timeoutMs,
      onRequest: options.verbose ? (r) => print(out, `  ${r.check} ${r.operation} ${requestLine(r.request)} -> ${r.status}`) : undefined,
    });
    print(out, formatSummary(options.service, result));
    return result.findings.length === 0 ? 0 : 1;
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message;
    print(err, `contract: the checks stopped: ${error.message}${cause ? ` (${cause})` : ''}`);
    return 1;
  }
}
