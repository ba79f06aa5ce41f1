// The lint is strict enough that a careless change fails: each mutation below breaks one
// convention and must be reported by the rule that guards it (and the unmutated spec is clean).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRedoclyConfig, lintService, servicesFromConfig } from '../../scripts/lib/redocly.mjs';
import { createSandbox } from '../support/sandbox.js';

let sandbox: Awaited<ReturnType<typeof createSandbox>>;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox?.remove());

async function lintWith(file: string, edit: (text: string) => string, service = 'vpcep'): Promise<string[]> {
  const full = path.join(sandbox.dir, file);
  const original = await fs.readFile(full, 'utf8');
  const changed = edit(original);
  expect(changed, 'the mutation must change the file').not.toBe(original);
  await fs.writeFile(full, changed);
  try {
    const config = await loadRedoclyConfig(sandbox.dir);
    const target = servicesFromConfig(config, sandbox.dir).find((s: { name: string }) => s.name === service);
    const problems = await lintService(config, target);
    return problems.map((p: { ruleId: string }) => p.ruleId);
  } finally {
    await fs.writeFile(full, original);
  }
}

describe('lint', () => {
  it('passes the specs as they are', async () => {
    for (const service of ['cce', 'vpcep', 'apig']) {
      expect(await lintWith('spec/README.md', (t) => `${t}\n`, service)).toEqual([]);
    }
  });

  it.each([
    ['a property without a description', 'spec/vpcep/schemas/UpdateEndpointServiceRequestBody.yaml', (t: string) => t.replace('properties:\n', 'properties:\n  note:\n    type: string\n'), 'rule/property-description'],
    ['a camelCase VPCEP property', 'spec/vpcep/schemas/UpdateEndpointServiceRequestBody.yaml', (t: string) => t.replace('properties:\n', 'properties:\n  serviceName:\n    type: string\n    description: x\n'), 'rule/snake-case-properties'],
    ['an untyped schema', 'spec/vpcep/schemas/UpdateEndpointServiceRequestBody.yaml', (t: string) => t.replace('properties:\n', 'properties:\n  anything:\n    description: x\n'), 'rule/schema-typed'],
    ['the token as a header parameter', 'spec/vpcep/paths/UpdateEndpointService.yaml', (t: string) => t.replace('parameters:\n', 'parameters:\n  - name: X-Auth-Token\n    in: header\n    required: true\n    description: token\n    schema:\n      type: string\n'), 'rule/auth-is-a-security-scheme'],
    ['an example that breaks its schema', 'spec/vpcep/examples/CreateEndpointService/create-vm-interface-request.yaml', (t: string) => t.replace(/server_type: \w+/, 'server_type: ELB'), 'no-invalid-media-type-examples'],
    ['an operation without a description', 'spec/vpcep/paths/UpdateEndpointService.yaml', (t: string) => t.replace(/^description: >-\n(  .*\n)+/m, ''), 'operation-description'],
    ['a root without the 2020-12 dialect', 'spec/vpcep/openapi.yaml', (t: string) => t.replace(/^jsonSchemaDialect: .*\n/m, ''), 'rule/jsonschema-dialect'],
    ['a non-ASCII character in a pattern', 'spec/apig/schemas/MicroServiceInfoCCEBase.yaml', (t: string) => t.replace('\\uFF08', '（'), 'rule/ascii-patterns', 'apig'],
    ['an operationId that is not the vendor\'s name (a renamed client method)', 'spec/apig/paths/CreateVpcChannelV2.yaml', (t: string) => t.replace('operationId: CreateVpcChannelV2', 'operationId: CreateVpcChannel'), 'project/vendor-operation-id', 'apig'],
    ['a vendor name list without its source', 'spec/cce/vendor-operation-ids.yaml', (t: string) => t.replace(/^source:\n(  .*\n)+/m, ''), 'project/vendor-operation-id', 'cce'],
    ['a singular `example` on a media type', 'spec/vpcep/paths/UpdateEndpointService.yaml', (t: string) => t.replace('      examples:\n', '      example: {}\n      examples:\n'), 'rule/named-media-examples'],
    ['an x-ledger entry that is no ledger id', 'spec/cce/schemas/EndpointsInput.yaml', (t: string) => t.replace('x-ledger: [CCE-010,', 'x-ledger: [CCE-10,'), 'rule/x-ledger-ids', 'cce'],
    ['x-page-required: false', 'spec/cce/schemas/EndpointsInput.yaml', (t: string) => t.replace('x-page-required: true', 'x-page-required: false'), 'rule/x-page-required-is-true', 'cce'],
    ['an x-default-status that is no 2xx', 'spec/cce/paths/createCoreV1NamespacedEndpoints.yaml', (t: string) => t.replace("x-default-status: '201'", "x-default-status: created"), 'rule/x-default-status-is-2xx', 'cce'],
  ])('reports %s', async (_what, file, edit, rule, service = 'vpcep') => {
    expect(await lintWith(file, edit, service)).toContain(rule);
  });
});
