#!/usr/bin/env node
// `npm run bench [-- size runtime signing generate diff docs tests]`: runs the benchmarks (all by default) and, after
// a full run, writes bench/RESULTS.md. Knobs: BENCH_RUNS (generate rounds, default 5),
// BENCH_ROUNDS / BENCH_REQUESTS (runtime rounds and requests per round, default 7 / 1500).
import fs from 'node:fs';
import path from 'node:path';
import { fmt, machine, median, repoRoot } from './lib.mjs';

// Loaded on use, so --help and a typo answer at once.
const ALL = {
  size: async () => (await import('./size.mjs')).benchSize(),
  runtime: async () => (await import('./runtime.mjs')).benchRuntime(),
  signing: async () => (await import('./signing.mjs')).benchSigning(),
  generate: async () => (await import('./generate.mjs')).benchGenerate(),
  diff: async () => (await import('./diff.mjs')).benchDiff(),
  docs: async () => (await import('./docs.mjs')).benchDocs(),
  tests: async () => (await import('./tests.mjs')).benchTests(),
};
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: npm run bench [-- ${Object.keys(ALL).join(' ')}]

Runs the named benchmarks (all by default); a full run rewrites bench/RESULTS.md.
Knobs: BENCH_RUNS (generate rounds, default 5), BENCH_ROUNDS / BENCH_REQUESTS (runtime rounds
and requests per round, default 7 / 1500).

  --help  this text`);
  process.exit(0);
}
const picked = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ALL);
const unknown = picked.filter((n) => !ALL[n]);
if (unknown.length) {
  console.error(`bench: unknown benchmark(s) ${unknown.join(' ')} (choose from ${Object.keys(ALL).join(', ')})`);
  process.exit(2);
}

const before = machine();
const started = new Date();
const results = {};
for (const name of picked) {
  console.log(`\n== ${name}`);
  results[name] = await ALL[name]();
}
const after = machine();

const met = (ok) => (ok ? '**met**' : '**not met**');
const kB = (b) => `${(b / 1024).toFixed(1)} kB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const x = (r) => `${r.toFixed(2)}×`;
const range = (r) => `${r.min.toFixed(2)} – ${r.max.toFixed(2)}`;

function generateSection(g) {
  const stages = Object.keys(g.warm.stagesMs);
  const worst = Math.max(g.cold.wallMs, g.warm.wallMs);
  const lines = [
    `## 1. \`npm run generate\` vs @hey-api/openapi-ts (${g.rounds} rounds)`,
    '',
    'Ours: `node scripts/generate.mjs` in a throwaway copy of the repo; *warm* = generated/ up to date',
    '(lint and bundle skipped, every output reused), *cold* = generated/docs/<service>.html deleted first',
    '(all six pages, three services in two languages, written), *fresh* = generated/ deleted first (nothing reused: lint,',
    'bundle, types, validators and docs all run). Peer: `createClient` with `@hey-api/typescript`, `@hey-api/sdk`, `@hey-api/client-fetch` on',
    'the same three bundled specs (generated/*/openapi.json). Every run is a fresh process; *wall* is what',
    'the user waits for, *pipeline* is the in-process total the command prints.',
    '',
    '| median | ours fresh | ours cold | ours warm | peer |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| **wall** | ${s(g.fresh.wallMs)} | ${s(g.cold.wallMs)} | ${s(g.warm.wallMs)} | ${s(g.peer.wallMs)} |`,
    `| pipeline (in-process) | ${s(g.fresh.pipelineMs)} | ${s(g.cold.pipelineMs)} | ${s(g.warm.pipelineMs)} | ${s(g.peer.pipelineMs)} |`,
    `| start-up (wall − pipeline) | ${s(g.fresh.startupMs)} | ${s(g.cold.startupMs)} | ${s(g.warm.startupMs)} | ${s(g.peer.startupMs)} |`,
    ...stages.map((st) => `| stage \`${st}\` | ${fmt(g.fresh.stagesMs[st])} ms | ${fmt(g.cold.stagesMs[st])} ms | ${fmt(g.warm.stagesMs[st])} ms | |`),
    `| **ours ÷ peer (wall)** | ${x(g.ratioFreshToPeer)} | ${x(g.ratioColdToPeer)} | ${x(g.ratioWarmToPeer)} | 1 |`,
    '',
    'The five middle stages (docs, types, validators, clients, ledger) run concurrently, so their times',
    'overlap and include waiting for each other on the one event loop; they do not add up to the total.',
    '',
    '| goal | result |',
    '| --- | --- |',
    `| full pipeline ≤ 3 s (wall, cold and warm) | ${met(worst <= g.goalMs)}: ${s(g.cold.wallMs)} cold, ${s(g.warm.wallMs)} warm |`,
    `| no slower than the peer (ratio ≤ 1) | ${met(g.ratioColdToPeer <= 1 && g.ratioWarmToPeer <= 1)}: ${x(g.ratioColdToPeer)} cold, ${x(g.ratioWarmToPeer)} warm |`,
  ];
  if (worst > g.goalMs || g.ratioColdToPeer > 1 || g.ratioWarmToPeer > 1) {
    lines.push(
      '',
      'What dominates (the ≈ figures come from one-off profiles taken while writing this benchmark):',
      `- **Start-up, ${s(g.warm.startupMs)} warm before the first stage runs.** \`@redocly/openapi-core\` (lint,`,
      '  bundle) is loaded only when a service\'s spec inputs changed, and `openapi-typescript` (which brings the',
      `  whole TypeScript compiler, ≈1 s) only when a service's types must be rebuilt. The peer's own start-up is ${s(g.peer.startupMs)}.`,
      '- **Warm runs** skip lint and bundle (the bundle headers record the hash of the spec files, redocly.yaml,',
      '  the stages\' code and the tool versions) and reuse types, validators and docs (a cache token in each',
      '  file header).',
      `- **Docs (cold \`docs\` ${s(g.cold.stagesMs.docs)}, warm ${s(g.warm.stagesMs.docs)}).** No page is rendered by Redoc at`,
      '  generate time (each page is its template with the document inline; Redoc renders it in the',
      "  browser), so cold and warm differ only by writing the six pages; Redoc's browser script is copied once.",
      '- The work itself (lint, bundle, types, validators, clients) is roughly 1.5–2 s of CPU; the peer only',
      '  generates types and an SDK (no lint, validators, docs or ledger), so the ratio compares more work',
      '  with less.',
    );
  }
  return lines.join('\n');
}

function runtimeSection(r) {
  const rows = Object.entries(r.rps).map(([k, v]) => `| ${k} | ${fmt(v)} |`);
  const { tokenVsFetch, akskVsToken, oursVsVendor } = r.ratios;
  const m = r.machinery;
  const lines = [
    `## 2. Runtime: ListEndpoints against a local server (${r.rounds} rounds × ${r.requestsPerRound} requests, ${r.concurrency} in flight)`,
    '',
    'A node:http server in a child process on 127.0.0.1 answers `GET /v1/p/vpc-endpoints?limit=10` with the',
    "spec's 200 example (2 endpoints). It checks the token, and verifies every AK/SK signature (so the",
    "vendor SDK's signature is checked against ours); every response body is checked by the client loop.",
    'The four contenders alternate order each round; ratios are per round, then the median.',
    'Our client: compiled dist/, `retry: false`, request validation on, default per-attempt timeout (20 s) on:',
    "the Node transport (undici's dispatcher API, a shared keep-alive Agent, one shared deadline timer).",
    'Raw fetch: `fetch(url, init)` with the token header and `res.json()`, nothing else.',
    'Vendor: `@huaweicloud/huaweicloud-sdk-core` `ClientBuilder` → `HcClient.sendRequest` with `BasicCredentials`',
    "(AK/SK, project id), as the vendor's generated service clients call it (axios over node:http).",
    '',
    '| contender | requests/s (median) |',
    '| --- | ---: |',
    ...rows,
    '',
    '| ratio | median | rounds min – max | goal | result |',
    '| --- | ---: | ---: | --- | --- |',
    `| ours (token) ÷ raw fetch (token) | ${x(tokenVsFetch.value)} | ${range(tokenVsFetch)} | ≥ ${tokenVsFetch.goal}× | ${met(tokenVsFetch.value >= tokenVsFetch.goal)} |`,
    `| ours (AK/SK) ÷ ours (token) | ${x(akskVsToken.value)} | ${range(akskVsToken)} | — | — |`,
    `| ours (AK/SK) ÷ vendor SDK (AK/SK) | ${x(oursVsVendor.value)} | ${range(oursVsVendor)} | ≥ ${oursVsVendor.goal}× | ${met(oursVsVendor.value >= oursVsVendor.goal)} |`,
    '',
    "Timeout and abort machinery, reported separately: the transport's `exchange` with an engine that answers",
    'at once (no network, no parsing), 8 in flight, µs per call (median); the differences are the cost.',
    '',
    '| machinery | µs per call | over none |',
    '| --- | ---: | ---: |',
    `| none (no timeout, no signal) | ${fmt(m.none, 2)} | — |`,
    `| per-attempt timeout | ${fmt(m.timeout, 2)} | +${fmt(m.timeout - m.none, 2)} |`,
    `| per-attempt timeout + caller signal | ${fmt(m.timeoutSignal, 2)} | +${fmt(m.timeoutSignal - m.none, 2)} |`,
    `| per-attempt timeout + caller signal + overall deadline | ${fmt(m.timeoutSignalTotal, 2)} | +${fmt(m.timeoutSignalTotal - m.none, 2)} |`,
  ];
  return lines.join('\n');
}

function docsSection(d) {
  const ms = (v) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : '—');
  const rows = d.rows.map((r) => {
    const b = r.baseline;
    return `| ${r.page} | ${kB(r.ours.pageRaw)} / ${kB(r.ours.pageGzip)} | ${b ? `${kB(b.pageRaw)} / ${kB(b.pageGzip)}` : '—'} | ${ms(r.ours.fcpMs)} | ${b ? ms(b.fcpMs) : '—'} | ${ms(r.ours.usableMs)} | ${b ? ms(b.usableMs) : '—'} | ${ms(r.ours.nextUsableMs)} | ${b ? ms(b.nextUsableMs) : '—'} |`;
  });
  const english = d.rows.filter((r) => r.baseline);
  const ratio = (f) => median(english.map((r) => f(r.ours) / f(r.baseline)));
  return [
    `## 5. Docs pages: weight and time to usable in Chromium (${d.rounds} rounds)`,
    '',
    'Every page of generated/docs/ (three services, English and Chinese) against the previous packaging of',
    'the same renderer, built in the same run from the same English bundles: one `redocly build-docs',
    "--inlineBundle` page per service, server-side rendered, with Redoc's script inlined",
    '(bench/.tmp/docs-baseline/). Ours are rendered by Redoc in the browser (its server-side rendering only',
    'pre-renders the overview, never the operation a deep link names), and ship',
    `that script once beside the pages (redoc.standalone.js, ${kB(d.script.raw)}, ${kB(d.script.gzip)} gzip), so a reader downloads it`,
    'once and the browser caches it (and its compiled code) for every further page. Served from 127.0.0.1,',
    'other hosts blocked, headless Chromium, a fresh browser context (cold cache) per load.',
    '*Time to usable* = navigation start until the operation a deep link from the index names is rendered',
    "and Redoc has rendered its sidebar (which lists the operation); *next page* = the same after the reader opened",
    'another page of the docs in the same context; FCP = first contentful paint. Medians.',
    '',
    '| page | page weight raw / gzip (ours, + shared script once) | baseline raw / gzip | FCP ours | FCP baseline | usable ours | usable baseline | next page ours | next page baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Weight, ours ÷ baseline (gzip, median over the English pages): first visit (page + script) ${x(ratio((o) => o.gzip))}, every`,
    `further page ${x(ratio((o) => o.pageGzip))}. Time to usable, ours ÷ baseline: first page ${x(ratio((o) => o.usableMs))}, next page`,
    `${x(ratio((o) => o.nextUsableMs))}; first contentful paint ${x(ratio((o) => o.fcpMs))} (ours paints the page bar and Redoc's loading`,
    'indicator at once; the baseline first has to receive and parse its 2.6 MB page). What remains is Redoc',
    'itself: parsing and running its 2.3 MB script and rendering the page (a renderer limit: the script',
    'cannot be split).',
  ].join('\n');
}

function sizeSection(rows) {
  const node = [...new Set(rows.flatMap((r) => r.nodeImports))];
  const lines = [
    '## 3. Bundle size of each service entry point',
    '',
    'esbuild of dist/generated/<service>/index.js: ESM, minified, `platform: browser`, code splitting.',
    '*Entry* = the entry chunk and every chunk it imports statically (openapi-fetch and the runtime',
    'included); *lazy* = the chunks only reached by `import()` (the Ajv validators). gzip level 9 per file,',
    'summed; kB = 1024 bytes.',
    '',
    '| service | entry gzip | entry min | lazy (validators) gzip | lazy min | openapi-fetch in entry | validators kept out of entry | goal entry ≤ 10 kB gz |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.service} | ${kB(r.entryGzip)} | ${kB(r.entryMin)} | ${kB(r.lazyGzip)} | ${kB(r.lazyMin)} | ${r.openapiFetchInEntry ? 'yes' : 'no'} | ${r.validatorsInEntry ? 'no' : 'yes'} | ${met(r.entryGzip <= r.goalBytes)} |`,
    ),
  ];
  if (node.length) {
    lines.push(
      '',
      `Note: the bundle imports ${node.map((n) => `\`${n}\``).join(', ')} (from \`src/runtime/signer.ts\`), which a browser`,
      'does not have; it is marked external here so the sizes can be measured, but a browser build of any',
      'entry point fails to resolve it, even with token auth. Sizes exclude it.',
    );
  }
  return lines.join('\n');
}

const { signingSection } = results.signing ? await import('./signing.mjs') : {};
const { diffSection } = results.diff ? await import('./diff.mjs') : {};
const { testsSection } = results.tests ? await import('./tests.mjs') : {};
/** Each benchmark's section of bench/RESULTS.md, by the heading it starts with. */
const SECTIONS = {
  generate: ['## 1. ', () => generateSection(results.generate)],
  runtime: ['## 2. ', () => runtimeSection(results.runtime)],
  signing: ['## 2.1. ', () => signingSection(results.signing)],
  size: ['## 3. ', () => sizeSection(results.size)],
  diff: ['## 4. ', () => diffSection(results.diff)],
  docs: ['## 5. ', () => docsSection(results.docs)],
  tests: ['## 6. ', () => testsSection(results.tests)],
};

if (picked.length === Object.keys(ALL).length) {
  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); numbers from one run on this machine.',
    '',
    `- Date: ${started.toISOString()}`,
    `- Machine: ${before.cores} cores, ${before.cpu}, Node ${before.node} (${process.platform} ${process.arch})`,
    `- Load average (1, 5, 15 min): ${before.load} at the start, ${after.load} at the end. The machine is`,
    '  shared and noisy: other agents may have been running tests at the same time. Hence every comparison',
    '  is a ratio of contenders measured side by side in the same run, alternating their order between',
    '  rounds, reported as the median over rounds; absolute numbers vary more from run to run than ratios.',
    '- The client benchmarks use the compiled JS (tsc with tsconfig.build.json into bench/.tmp/dist, the same',
    '  output as `scripts/compile.mjs`).',
    '',
    ...Object.values(SECTIONS).flatMap(([, section]) => [section(), '']),
  ].join('\n');
  fs.writeFileSync(path.join(repoRoot, 'bench', 'RESULTS.md'), md);
  console.log('\nbench: wrote bench/RESULTS.md');
} else {
  // A partial run replaces only its own sections; the others keep the numbers of their last run.
  const file = path.join(repoRoot, 'bench', 'RESULTS.md');
  let md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const stamp = `_Section written by \`npm run bench -- ${picked.join(' ')}\` on ${started.toISOString()}, load average ${before.load} at the start, ${after.load} at the end._`;
  for (const name of picked) {
    const [heading, section] = SECTIONS[name];
    const text = `${section()}\n\n${stamp}\n`;
    const start = md.indexOf(`\n${heading}`);
    const end = start === -1 ? -1 : md.indexOf('\n## ', start + 1);
    md = start === -1 ? `${md.trimEnd()}\n\n${text}` : `${md.slice(0, start + 1)}${text}${end === -1 ? '' : md.slice(end)}`;
  }
  fs.writeFileSync(file, md);
  console.log(`\nbench: updated the ${picked.join(', ')} section(s) of bench/RESULTS.md`);
}
