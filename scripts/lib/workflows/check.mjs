// Checks of the workflow files against the spec they describe, beyond Redocly's Arazzo rules
// (which do not look into the OpenAPI): every step calls an operation the spec has, with
// parameters it declares (all required ones given), a body only where it takes one, a status
// check on a status it documents, and expressions that name declared inputs and earlier outputs.
import path from 'node:path';
import { deref, operationsOf } from '../operations.mjs';
import { stepOperationId } from './catalog.mjs';

/**
 * @param {{ service: string, file: string, doc: any }[]} files  workflow files (catalog.workflowFiles)
 * @param {Map<string, { root: string, doc: any }>} specs  service name -> root file and bundled spec
 * @returns {string[]} one line per problem, `file: where: what`
 */
export function checkWorkflowFiles(files, specs, root = process.cwd()) {
  const problems = [];
  const seen = new Map();
  for (const entry of files) {
    const rel = path.relative(root, entry.file);
    const report = (where, message) => problems.push(`${rel}: ${where}: ${message}`);
    const spec = specs.get(entry.service);
    if (!spec) {
      report('file', `no spec for service ${entry.service}`);
      continue;
    }
    checkFile(entry, spec, report);
    for (const workflow of entry.doc?.workflows ?? []) {
      const id = `${entry.service}/${workflow.workflowId}`;
      if (seen.has(id)) report(`workflow ${workflow.workflowId}`, `workflowId is also used in ${seen.get(id)} (respect runs a service's files together)`);
      else seen.set(id, rel);
    }
  }
  return problems;
}

function checkFile({ service, file, doc }, spec, report) {
  if (!/^1\.0\.\d+$/.test(String(doc?.arazzo ?? ''))) report('arazzo', 'must be an Arazzo 1.0.x document');
  const sources = doc?.sourceDescriptions ?? [];
  if (sources.length !== 1 || sources[0].type !== 'openapi' || sources[0].name !== service) {
    report('sourceDescriptions', `must be exactly one openapi source named "${service}"`);
  } else if (path.resolve(path.dirname(file), sources[0].url) !== spec.root) {
    report('sourceDescriptions', `url must lead to the ${service} spec root (${path.relative(path.dirname(file), spec.root)})`);
  }
  const operations = new Map(operationsOf(spec.doc).map((op) => [op.operationId, op]));
  const schemes = Object.keys(spec.doc.components?.securitySchemes ?? {});
  for (const workflow of doc?.workflows ?? []) {
    const inputs = new Set(Object.keys(workflow.inputs?.properties ?? {}));
    const outputs = new Map();
    for (const [index, step] of (workflow.steps ?? []).entries()) {
      const where = `workflow ${workflow.workflowId} step ${step.stepId ?? index}`;
      const say = (message) => report(where, message);
      checkExpressions(step, inputs, outputs, say);
      outputs.set(step.stepId, new Set(Object.keys(step.outputs ?? {})));
      const operationId = stepOperationId(step);
      if (!operationId) {
        say('must call an operation of the spec by operationId');
        continue;
      }
      const op = operations.get(operationId);
      if (!op) {
        say(`operationId ${operationId} is not an operation of the ${service} spec`);
        continue;
      }
      checkParameters(op, step, say);
      checkBody(spec.doc, op, step, say);
      checkStatus(op, step, say);
      for (const security of step['x-security'] ?? []) {
        if (security.schemeName && !schemes.includes(security.schemeName)) say(`x-security names ${security.schemeName}, not a security scheme of the spec (${schemes.join(', ')})`);
      }
    }
  }
}

function checkParameters(op, step, say) {
  const given = step.parameters ?? [];
  for (const param of given) {
    if (param.reference) continue;
    if (!op.parameters.some((p) => p.name === param.name && p.in === param.in)) say(`parameter ${param.in} ${param.name} is not a parameter of ${op.operationId}`);
  }
  for (const param of op.parameters) {
    if ((param.required || param.in === 'path') && !given.some((p) => p.name === param.name && p.in === param.in)) say(`${op.operationId} needs ${param.in} parameter ${param.name}`);
  }
}

function checkBody(doc, op, step, say) {
  const body = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
  if (!body) {
    if (step.requestBody) say(`${op.operationId} takes no request body`);
    return;
  }
  if (!step.requestBody) {
    if (body.required) say(`${op.operationId} needs a request body`);
    return;
  }
  const types = Object.keys(body.content ?? {});
  if (step.requestBody.contentType && !types.includes(step.requestBody.contentType)) say(`${op.operationId} takes ${types.join(', ')}, not ${step.requestBody.contentType}`);
}

function checkStatus(op, step, say) {
  const documented = Object.keys(op.operation.responses ?? {});
  const statuses = (step.successCriteria ?? [])
    .map((c) => /^\s*\$statusCode\s*==\s*(\d{3})\s*$/.exec(typeof c.condition === 'string' && !c.type ? c.condition : '')?.[1])
    .filter(Boolean);
  if (statuses.length === 0) say('successCriteria must check the status ($statusCode == NNN)');
  for (const status of statuses) if (!documented.includes(status)) say(`${op.operationId} documents no status ${status} (documented: ${documented.join(', ')})`);
}

/** `$inputs.x` must be declared; `$steps.s.outputs.o` must be an output of an earlier step. */
function checkExpressions(step, inputs, outputs, say) {
  const strings = [];
  const walk = (node, key) => {
    if (key === 'outputs' || key === 'stepId') return;
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(step);
  walk(step.outputs ?? {});
  for (const text of strings) {
    for (const [, name] of text.matchAll(/\$inputs\.([A-Za-z0-9_-]+)/g)) if (!inputs.has(name)) say(`$inputs.${name} is not a declared input`);
    for (const [, stepId, output] of text.matchAll(/\$steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      if (!outputs.has(stepId)) say(`$steps.${stepId} is not an earlier step of this workflow`);
      else if (!outputs.get(stepId).has(output)) say(`step ${stepId} has no output ${output}`);
    }
    if (/\$(?!inputs\.|steps\.|statusCode\b|response\.|request\.|url\b|method\b|outputs\.|workflows\.|sourceDescriptions\.|components\.|\$|\.|\[)/.test(text)) {
      say(`"${text}" holds a runtime expression this project does not know`);
    }
  }
}
