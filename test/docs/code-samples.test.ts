// Every operation's request samples (curl and this package's client), as the docs show them:
// present in both languages' pages, the curl one with the token header, method, URL and body, and
// every TypeScript sample type-checked by tsc against generated/<service>/index.ts, as a user's
// project would import it (`huaweicloud-openapi/<service>`). A misspelt method or field fails.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE, codeSamplesOf } from '../../scripts/lib/code-samples.mjs';
import { root } from '../support/paths.js';
import { loadSpecs } from '../support/specs.js';

const run = promisify(execFile);
const specs = await loadSpecs();
const samples = specs.flatMap((spec) =>
  [...codeSamplesOf(spec.doc, spec.model)].map(([operationId, list]) => ({ spec, operationId, list: list as { lang: string; label: string; source: string }[] })),
);
const op = (spec: (typeof specs)[number], id: string) => spec.model.operations.find((o: any) => o.operationId === id);

describe('request samples', () => {
  it('exist for every operation of every service', () => {
    expect(samples.length).toBe(specs.reduce((n, s) => n + s.model.operations.length, 0));
    for (const { operationId, list } of samples) expect(list.map((s) => s.label), operationId).toEqual(['curl', 'TypeScript']);
  });

  it.for(samples.map((s) => [`${s.spec.name} ${s.operationId}`, s] as const))('%s: curl sends the token, method, URL and example body', ([, { spec, operationId, list }]) => {
    const curl = list[0]!.source;
    const model = op(spec, operationId);
    expect(curl).toMatch(new RegExp(`^curl -X ${model.httpMethod} "https://`));
    expect(curl).toContain('-H "X-Auth-Token: $HUAWEICLOUD_TOKEN"');
    const staticPath = model.path.split('{')[0];
    expect(curl).toContain(staticPath);
    if (model.body) {
      // The media type the client sends by default (JSON for all but Kubernetes PATCH).
      expect(curl).toContain(`-H "Content-Type: ${model.body.defaultContentType}"`);
      const body = curl.match(/-d '([\s\S]*)'$/)?.[1];
      expect(() => JSON.parse(body!.replace(/'\\''/g, "'")), 'the -d body is JSON').not.toThrow();
    }
  });

  it.for(specs.map((s) => s.name))('%s: both languages of the docs page carry every sample', async (name) => {
    for (const page of [`${name}.html`, `${name}.zh-CN.html`]) {
      const html = await fs.readFile(path.join(root, 'generated', 'docs', page), 'utf8');
      for (const { list } of samples.filter((s) => s.spec.name === name)) {
        for (const sample of list) expect(html, `${page}: ${sample.label}`).toContain(JSON.stringify(sample.source).slice(1, -1).replace(/</g, '\\u003c'));
      }
    }
  });
});

describe('TypeScript samples type-check against the generated clients', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-samples-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('every sample compiles under strict settings; a misspelt method and a misspelt field do not', async () => {
    const files: string[] = [];
    for (const { spec, operationId, list } of samples) {
      const file = `${spec.name}-${operationId}.ts`;
      await fs.writeFile(path.join(dir, file), `${list[1]!.source}\nexport {};\n`);
      files.push(file);
    }
    // Two mutants that must fail, so a silently broken type-check cannot pass.
    const first = samples[0]!;
    const mutant = op(first.spec, first.operationId).methodName as string;
    await fs.writeFile(path.join(dir, 'mutant-method.ts'), `${first.list[1]!.source.replace(`client.${mutant}(`, `client.${mutant}Typo(`)}\nexport {};\n`);
    const withBody = samples.find((s) => op(s.spec, s.operationId).body)!;
    const field = withBody.list[1]!.source.match(/body: \{\n\s+"(\w+)"/)![1]!;
    await fs.writeFile(path.join(dir, 'mutant-field.ts'), `${withBody.list[1]!.source.replace(`"${field}":`, `"${field}_typo":`)}\nexport {};\n`);
    await fs.writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules', '@types')],
          baseUrl: root,
          paths: { [`${PACKAGE}/*`]: [path.join(root, 'generated', '*', 'index.ts')] },
        },
        files: [...files, 'mutant-method.ts', 'mutant-field.ts'],
      }),
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir }).then(
      () => '',
      (error: any) => String(error.stdout),
    );
    const errorsByFile = new Map<string, string[]>();
    for (const line of result.split('\n').filter((l) => /error TS\d+/.test(l))) {
      const file = path.basename(line.split('(')[0]!);
      errorsByFile.set(file, [...(errorsByFile.get(file) ?? []), line]);
    }
    expect([...errorsByFile.keys()].sort(), result).toEqual(['mutant-field.ts', 'mutant-method.ts']);
    expect(errorsByFile.get('mutant-method.ts')!.join('\n')).toMatch(new RegExp(`${mutant}Typo`));
    expect(errorsByFile.get('mutant-field.ts')!.join('\n')).toMatch(new RegExp(`${field}_typo`));
  }, 180_000);
});
