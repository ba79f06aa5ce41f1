#!/usr/bin/env node
// `npm run mock [-- --service vpcep ...]`: a Prism mock of each service on a free loopback port,
// answering from the spec's examples, until Ctrl-C.
import { generatedServices, startMocks } from './lib/prism.mjs';

const USAGE = 'usage: npm run mock [-- --service <name> ...]';
const all = generatedServices();
const args = process.argv.slice(2);
const services = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--service' && args[i + 1]) services.push(args[++i]);
  else if (args[i] === '--help') {
    console.log(USAGE);
    process.exit(0);
  } else {
    console.error(`mock: unknown argument ${args[i]}\n${USAGE}`);
    process.exit(2);
  }
}
const unknown = services.filter((s) => !all.includes(s));
if (unknown.length > 0) {
  console.error(`mock: unknown service ${unknown.join(', ')} (known: ${all.join(', ')}; run \`npm run generate\` first?)`);
  process.exit(2);
}

let mocks;
try {
  mocks = await startMocks({ services: services.length > 0 ? services : all });
} catch (error) {
  console.error(`mock: ${error.message}`);
  process.exit(1);
}
for (const [service, url] of Object.entries(mocks.urls)) console.log(`${service.padEnd(8)} ${url}`);
console.log('Each answers with its spec\'s examples (choose one with `Prefer: example=<name>` or `Prefer: code=<status>`).');
console.log('Ctrl-C stops them.');

const shutdown = async () => {
  await mocks.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
