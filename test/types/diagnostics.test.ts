// What a user reads when they misspell a field: TypeScript's own "did you mean" suggestion,
// not "not assignable to type 'never'". Checked with the compiler API on a small user file.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const USER_FILE = path.join(root, 'test/types/__user__.ts');
const USER_CODE = `
import { createCceClient } from '../../generated/cce/index.js';
import { createVpcepClient, type EndpointResp } from '../../generated/vpcep/index.js';
const cce = createCceClient({ region: 'cn-north-4', clusterId: 'c1', auth: { token: 't' } });
export const created = cce.createCoreV1NamespacedEndpoints({
  namespace: 'default',
  body: { apiVersion: 'v1', kind: 'Endpoints', metadata: { nme: 'db' }, subsets: [] },
});
const vpcep = createVpcepClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });
export const page = vpcep.listEndpoints({ sort_dirr: 'asc' });
export const policy: EndpointResp['policy_document'] = { Version: '5.0', Statement: [{ Effect: 'Allow' }] };
`;

function diagnostics(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile;
  host.readFile = (file) => (path.resolve(file) === USER_FILE ? USER_CODE : readFile(file));
  const fileExists = host.fileExists;
  host.fileExists = (file) => path.resolve(file) === USER_FILE || fileExists(file);
  const program = ts.createProgram({ rootNames: [USER_FILE], options: { ...parsed.options, noEmit: true }, host });
  // Only the user file is checked: its diagnostics are all the test reads.
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(USER_FILE))
    .filter((d) => d.file && path.resolve(d.file.fileName) === USER_FILE)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a misspelt field', () => {
  it('gets "did you mean" with the right name, never "not assignable to never"', () => {
    const messages = diagnostics();
    expect(messages.join('\n')).not.toMatch(/never/);
    expect(messages.some((m) => /'nme' does not exist/.test(m) && /Did you mean to write 'name'\?/.test(m))).toBe(true);
    expect(messages.some((m) => /'sort_dirr' does not exist/.test(m) && /Did you mean to write 'sort_dir'\?/.test(m))).toBe(true);
    // Only the two typos: the free-form policy document is accepted as it is.
    expect(messages).toHaveLength(2);
  }, 60_000);
});
