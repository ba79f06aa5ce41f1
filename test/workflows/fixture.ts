// A repository root of its own for the `contract --workflows` tests: the VPCEP spec as bundled,
// extended with the vendor's read and delete of an endpoint service (ListServiceDetails,
// DeleteEndpointService) built from the spec's own parameters and responses, and a workflow
// that creates, changes, reads and deletes a service. The clean-up guarantees are tested on it
// whatever operations the real spec has today; the real workflows run in lifecycles.test.ts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { buildMockDefinition } from '../../scripts/stages/mocks.mjs';
import { buildModel } from '../../scripts/stages/model.mjs';
import { createSpecAjv, requestSchema } from '../../scripts/stages/validators.mjs';
import type { MockDefinition } from '../../src/mock/index.js';
import { loadSpecs } from '../support/specs.js';
import { root } from '../support/paths.js';

const ITEM = '/v1/{project_id}/vpc-endpoint-services/{vpc_endpoint_service_id}';

export function extendedVpcep(doc: any): any {
  const extended = structuredClone(doc);
  const update = extended.paths[ITEM].put;
  const { '200': _ok, '400': _bad, '409': _conflict, ...errors } = update.responses;
  extended.paths[ITEM].get = { operationId: 'ListServiceDetails', summary: 'Read an endpoint service', description: 'Reads one endpoint service.', tags: update.tags, parameters: update.parameters, responses: { '200': update.responses['200'], ...errors } };
  extended.paths[ITEM].delete = { operationId: 'DeleteEndpointService', summary: 'Delete an endpoint service', description: 'Deletes one endpoint service.', tags: update.tags, parameters: update.parameters, responses: { '204': { description: 'No Content' }, ...errors } };
  return extended;
}

export function definitionOf(service: string, doc: any): MockDefinition {
  const model = buildModel(service, doc);
  const { ajv, toAjv } = createSpecAjv(service, doc);
  const validators = Object.fromEntries(model.operations.map((op: any) => [`${op.operationId}Request`, ajv.compile(toAjv(requestSchema(op)))]));
  return { ...JSON.parse(JSON.stringify(buildMockDefinition(service, doc))), loadValidators: async () => validators };
}

const AUTH = [{ schemeName: 'iamToken', values: { apiKey: '$inputs.token' } }];
const PARAMS = [
  { name: 'project_id', in: 'path', value: '$inputs.project_id' },
  { name: 'vpc_endpoint_service_id', in: 'path', value: '$steps.create.outputs.id' },
];

/** create two -> update -> read -> delete both -> read (404), in the shape of the real workflow files. */
export const LIFECYCLE = {
  arazzo: '1.0.1',
  info: { title: 'Endpoint service create to delete', version: '1.0.0' },
  sourceDescriptions: [{ name: 'vpcep', url: '../openapi.yaml', type: 'openapi' }],
  workflows: [
    {
      workflowId: 'service-create-to-delete',
      'x-unique-per-run': ['service_name'],
      inputs: {
        type: 'object',
        required: ['project_id', 'token', 'vpc_id', 'port_id', 'service_name'],
        properties: {
          project_id: { type: 'string' },
          token: { type: 'string', format: 'password' },
          vpc_id: { type: 'string' },
          port_id: { type: 'string' },
          service_name: { type: 'string' },
        },
      },
      steps: [
        {
          stepId: 'create',
          operationId: 'CreateEndpointService',
          'x-security': AUTH,
          parameters: [PARAMS[0]],
          requestBody: {
            contentType: 'application/json',
            payload: { vpc_id: '$inputs.vpc_id', port_id: '$inputs.port_id', service_name: '$inputs.service_name', server_type: 'VM', service_type: 'interface', ports: [{ client_port: 8080, server_port: 90, protocol: 'TCP' }] },
          },
          successCriteria: [{ condition: '$statusCode == 200' }],
          outputs: { id: '$response.body#/id' },
        },
        {
          stepId: 'create-spare',
          operationId: 'CreateEndpointService',
          'x-security': AUTH,
          parameters: [PARAMS[0]],
          requestBody: {
            contentType: 'application/json',
            payload: { vpc_id: '$inputs.vpc_id', port_id: '$inputs.port_id', server_type: 'VM', service_type: 'interface', ports: [{ client_port: 8081, server_port: 91, protocol: 'TCP' }] },
          },
          successCriteria: [{ condition: '$statusCode == 200' }],
          outputs: { id: '$response.body#/id' },
        },
        {
          stepId: 'update',
          operationId: 'UpdateEndpointService',
          'x-security': AUTH,
          parameters: PARAMS,
          requestBody: { contentType: 'application/json', payload: { approval_enabled: true } },
          successCriteria: [{ condition: '$statusCode == 200' }, { condition: '$response.body#/approval_enabled == true' }],
        },
        { stepId: 'read', operationId: 'ListServiceDetails', 'x-security': AUTH, parameters: PARAMS, successCriteria: [{ condition: '$statusCode == 200' }, { condition: '$response.body#/approval_enabled == true' }] },
        { stepId: 'delete', operationId: 'DeleteEndpointService', 'x-security': AUTH, parameters: PARAMS, successCriteria: [{ condition: '$statusCode == 204' }] },
        {
          stepId: 'delete-spare',
          operationId: 'DeleteEndpointService',
          'x-security': AUTH,
          parameters: [PARAMS[0], { name: 'vpc_endpoint_service_id', in: 'path', value: '$steps.create-spare.outputs.id' }],
          successCriteria: [{ condition: '$statusCode == 204' }],
        },
        { stepId: 'read-deleted', operationId: 'ListServiceDetails', 'x-security': AUTH, parameters: PARAMS, successCriteria: [{ condition: '$statusCode == 404' }] },
      ],
    },
  ],
};

/** A temporary root: generated/vpcep/openapi.json, spec/vpcep/openapi.yaml, its workflows (the real read-only one too). */
export async function fixtureRoot(): Promise<{ dir: string; doc: any; definition: MockDefinition; remove: () => Promise<void> }> {
  const vpcep = (await loadSpecs()).find((s) => s.name === 'vpcep')!;
  const doc = extendedVpcep(vpcep.doc);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'workflows-root-'));
  await fs.mkdir(path.join(dir, 'generated', 'vpcep'), { recursive: true });
  await fs.mkdir(path.join(dir, 'spec', 'vpcep', 'workflows'), { recursive: true });
  await fs.writeFile(path.join(dir, 'generated', 'vpcep', 'openapi.json'), JSON.stringify(doc));
  await fs.writeFile(path.join(dir, 'spec', 'vpcep', 'openapi.yaml'), JSON.stringify(doc));
  await fs.writeFile(path.join(dir, 'spec', 'vpcep', 'workflows', 'lifecycle.arazzo.yaml'), stringify(LIFECYCLE));
  await fs.copyFile(path.join(root, 'spec', 'vpcep', 'workflows', 'read-only.arazzo.yaml'), path.join(dir, 'spec', 'vpcep', 'workflows', 'read-only.arazzo.yaml'));
  return { dir, doc, definition: definitionOf('vpcep', doc), remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
