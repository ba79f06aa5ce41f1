#!/usr/bin/env node
// `npm run mock [-- --service vpcep ...] [--port 4010]`: a Prism mock of each service on
// 127.0.0.1, answering from the spec's examples, until Ctrl-C.
import net from 'node:net';
import { generatedServices, startMocks } from './lib/prism.mjs';

const all = generatedServices();
const USAGE = `usage: npm run mock [-- options]

Starts a Prism mock of each service on 127.0.0.1 that answers from the spec's examples
(choose a response with the request header \`Prefer: code=<status>\` or \`Prefer: example=<name>\`).
Ctrl-C stops them.

  --service <name>  only this service (repeatable; known: ${all.join(', ')})
  --port <n>        listen on port n, and the next services on n+1, n+2, ... in the order
                    printed (default: a free port each, new on every run)
  --help            this text`;

function fail(message) {
  console.error(`mock: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const services = [];
let firstPort;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (arg === '--service') {
    if (!args[i + 1]) fail('--service needs a name');
    services.push(args[++i]);
  } else if (arg === '--port') {
    const value = args[++i];
    if (!/^\d+$/.test(value ?? '') || Number(value) < 1 || Number(value) > 65535) fail(`--port takes a port number (1-65535), not ${value ?? 'nothing'}`);
    firstPort = Number(value);
  } else fail(`unknown argument ${arg}`);
}
const unknown = services.filter((s) => !all.includes(s));
if (unknown.length > 0) fail(`unknown service ${unknown.join(', ')} (known: ${all.join(', ')}; run \`npm run generate\` first?)`);
const chosen = services.length > 0 ? [...new Set(services)] : all;

let ports;
if (firstPort !== undefined) {
  ports = Object.fromEntries(chosen.map((service, i) => [service, firstPort + i]));
  const last = firstPort + chosen.length - 1;
  if (last > 65535) fail(`--port ${firstPort}: ${chosen.length} services need ports up to ${last}`);
  const busy = (await Promise.all(Object.values(ports).map(async (port) => ((await isFree(port)) ? null : port)))).filter(Boolean);
  if (busy.length > 0) {
    console.error(`mock: port ${busy.join(', ')} on 127.0.0.1 is in use; choose another --port`);
    process.exit(1);
  }
}

let mocks;
try {
  mocks = await startMocks({ services: chosen, ports });
} catch (error) {
  console.error(`mock: ${error.message}`);
  process.exit(1);
}
for (const [service, url] of Object.entries(mocks.urls)) console.log(`${service.padEnd(8)} ${url}`);
console.log("Each answers with its spec's examples (choose one with `Prefer: example=<name>` or `Prefer: code=<status>`).");
console.log('Send any X-Auth-Token (the mock checks that one is present, not its value). Ctrl-C stops them.');

const shutdown = async () => {
  await mocks.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
