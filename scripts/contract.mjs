#!/usr/bin/env node
// `npm run contract -- --service vpcep --upstream <url> [--replay] [--param name=value ...]`:
// checks a real server against the spec through Prism's proxy. See README "Checking a real
// server against the spec".
import { formatReport, startContractProxy } from './lib/contract-proxy.mjs';
import { exampleRequests, loadSpec, operationsOf } from './lib/operations.mjs';
import { generatedServices } from './lib/prism.mjs';

const USAGE = `usage: npm run contract -- --service <${generatedServices().join('|')}> --upstream <url> [options]
  --replay              send every request example of the spec through the proxy, then exit
                        (1 if anything broke the spec); without it, print the proxy's URL and
                        report live until Ctrl-C
  --operation <id>      --replay only this operation (repeatable)
  --param <name=value>  a parameter value for --replay (e.g. project_id=...), instead of the spec's example
  --token <token>       X-Auth-Token for --replay (default: $HWC_AUTH_TOKEN)`;

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
    } else if (arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  if (!options.service || !generatedServices().includes(options.service)) fail('--service names a generated service');
  if (!options.upstream || !/^https?:\/\//.test(options.upstream)) fail('--upstream takes an http(s) URL');
  return options;
}

function fail(message) {
  console.error(`contract: ${message}\n${USAGE}`);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
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

if (options.replay) {
  const doc = loadSpec(options.service);
  const token = options.token ?? process.env['HWC_AUTH_TOKEN'];
  let code = 0;
  try {
    const operations = operationsOf(doc).filter((op) => options.operations.length === 0 || options.operations.includes(op.operationId));
    if (operations.length === 0) throw new Error(`no operation ${options.operations.join(', ')} in the ${options.service} spec`);
    for (const op of operations) {
      for (const request of exampleRequests(doc, op, proxy.url, options.params)) {
        const headers = { ...request.headers, ...(token ? { 'X-Auth-Token': token } : {}) };
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
  process.exit(code);
} else {
  console.log(`contract: send your requests to ${proxy.url} (instead of ${options.upstream}); Ctrl-C stops`);
  const stop = async () => {
    const code = summary();
    await proxy.stop();
    process.exit(code);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
