// A careless edit of a workflow file fails `npm run lint`: the project's checks against the spec
// (an operation the spec lacks, a parameter it does not declare, a missing path parameter, a
// body where none is taken, an undocumented status, an undeclared input, an output of a later
// step) and Redocly's Arazzo rules (an output nobody defines). The real files are clean.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classifyWorkflows } from '../../scripts/lib/workflows/catalog.mjs';
import { checkWorkflowFiles } from '../../scripts/lib/workflows/check.mjs';
import { lintArazzoFile, lintWorkflows } from '../../scripts/lib/workflows/lint.mjs';
import { loadSpecs } from '../support/specs.js';
import { root } from '../support/paths.js';
import { SERVICES, filesOf } from './support.js';

const specs = await loadSpecs();
const services = SERVICES.map((name) => ({ name, root: path.join(root, 'spec', name, 'openapi.yaml') }));
const specMap = new Map(specs.map((s) => [s.name, { root: path.join(root, 'spec', s.name, 'openapi.yaml'), doc: s.doc }]));
const lifecycle = () => structuredClone(filesOf('vpcep').find((f) => f.file.endsWith('endpoint-service-lifecycle.arazzo.yaml'))!);
const problemsAfter = (edit: (workflow: any) => void) => {
  const file = lifecycle();
  edit(file.doc.workflows[0]);
  return checkWorkflowFiles([{ service: 'vpcep', ...file }], specMap, root);
};

describe('workflow files: checks against the spec', () => {
  it('the real files are clean (Redocly rules and the checks)', async () => {
    const { files, problems } = await lintWorkflows(root, services, new Map(specs.map((s) => [s.name, s.doc])));
    expect(problems).toEqual([]);
    expect(files).toBe(SERVICES.flatMap(filesOf).length);
  });

  it.each([
    ['an operation the spec lacks', (w: any) => (w.steps[1].operationId = 'UpdateEndpointServiceV9'), /operationId UpdateEndpointServiceV9 is not an operation of the vpcep spec/],
    ['a parameter the operation does not declare', (w: any) => w.steps[0].parameters.push({ name: 'region', in: 'query', value: 'x' }), /parameter query region is not a parameter of CreateEndpointService/],
    ['a path parameter left out', (w: any) => w.steps[1].parameters.pop(), /UpdateEndpointService needs path parameter vpc_endpoint_service_id/],
    ['a parameter in the wrong place', (w: any) => (w.steps[1].parameters[1].in = 'query'), /needs path parameter vpc_endpoint_service_id/],
    ['a required body left out', (w: any) => delete w.steps[0].requestBody, /CreateEndpointService needs a request body/],
    ['a media type the operation does not take', (w: any) => (w.steps[0].requestBody.contentType = 'application/xml'), /takes application\/json, not application\/xml/],
    ['an undocumented status', (w: any) => (w.steps[0].successCriteria[0].condition = '$statusCode == 201'), /CreateEndpointService documents no status 201/],
    ['no status check', (w: any) => (w.steps[0].successCriteria = w.steps[0].successCriteria.slice(1)), /must check the status/],
    ['an undeclared input', (w: any) => (w.steps[0].parameters[0].value = '$inputs.projectId'), /\$inputs.projectId is not a declared input/],
    ['an output of a later step', (w: any) => w.steps.reverse(), /\$steps.create-service is not an earlier step/],
    ['an output the step does not have', (w: any) => (w.steps[1].parameters[1].value = '$steps.create-service.outputs.id'), /step create-service has no output id/],
    ['an unknown security scheme', (w: any) => (w.steps[0]['x-security'][0].schemeName = 'token'), /x-security names token/],
    ['a misspelt expression', (w: any) => (w.steps[1].parameters[1].value = '$step.create-service.outputs.service_id'), /holds a runtime expression this project does not know/],
  ])('%s', (_name, edit, message) => {
    const problems = problemsAfter(edit);
    expect(problems.join('\n')).toMatch(message);
  });

  it('a source that is not the service spec, and one workflowId in two files', () => {
    const a = lifecycle();
    a.doc.sourceDescriptions[0].url = '../../apig/openapi.yaml';
    const b = lifecycle();
    const problems = checkWorkflowFiles([{ service: 'vpcep', ...a }, { service: 'vpcep', ...b }], specMap, root);
    expect(problems.join('\n')).toMatch(/url must lead to the vpcep spec root/);
    expect(problems.join('\n')).toMatch(/workflowId is also used in/);
  });

  it("Redocly's rules: an output of a step that does not exist", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'arazzo-lint-'));
    try {
      const file = lifecycle();
      file.doc.sourceDescriptions[0].url = path.join(root, 'spec', 'vpcep', 'openapi.yaml');
      file.doc.workflows[0].steps[1].parameters[1].value = '$steps.create.outputs.service_id';
      const target = path.join(dir, 'broken.arazzo.yaml');
      await fs.writeFile(target, stringify(file.doc));
      expect((await lintArazzoFile(target, root)).join('\n')).toMatch(/\[outputs-defined\] Step "create" referenced/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a workflow is read-only only when every step is a GET', () => {
    const vpcep = specs.find((s) => s.name === 'vpcep')!.doc;
    const classes = SERVICES.flatMap(filesOf).filter((f) => f.file.includes('/vpcep/')).flatMap((f) => classifyWorkflows(f.doc, vpcep));
    expect(Object.fromEntries(classes.map((c) => [c.workflowId, c.readOnly]))).toEqual({ 'endpoint-lifecycle': false, 'endpoint-service-lifecycle': false, 'list-endpoints': true });
    const unknown = lifecycle();
    unknown.doc.workflows[0].steps = [{ stepId: 'x', operationId: 'NoSuchOperation' }];
    expect(classifyWorkflows(unknown.doc, vpcep)[0]!.readOnly).toBe(false);
  });
});
