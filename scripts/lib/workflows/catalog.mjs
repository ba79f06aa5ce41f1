// The Arazzo workflow files of the services (spec/<service>/workflows/*.arazzo.yaml) and what
// each workflow does to a server: a workflow is read-only when every step calls a GET or HEAD
// operation of the spec, worked out from the spec, never declared by hand.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { operationsOf } from '../operations.mjs';

export const WORKFLOW_SUFFIX = '.arazzo.yaml';
const READ_METHODS = new Set(['get', 'head']);

/** [{ service, file (absolute), doc }] for every service folder of `services` ([{ name, root }]). */
export function workflowFiles(services) {
  return services.flatMap((service) => {
    const dir = path.join(path.dirname(service.root), 'workflows');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(WORKFLOW_SUFFIX))
      .sort()
      .map((name) => {
        const file = path.join(dir, name);
        return { service: service.name, file, doc: parse(fs.readFileSync(file, 'utf8')) };
      });
  });
}

/** The operation a step names: `operationId: X` or `$sourceDescriptions.<name>.X`. */
export function stepOperationId(step) {
  if (typeof step.operationId !== 'string') return undefined;
  const qualified = /^\$sourceDescriptions\.[^.]+\.(.+)$/.exec(step.operationId);
  return qualified ? qualified[1] : step.operationId;
}

/**
 * Each workflow of a file with its operations and whether it only reads:
 * [{ workflowId, operations: [{ stepId, operationId, method }], readOnly }].
 * A step that names no operation of `doc` (or runs another workflow) counts as a write.
 */
export function classifyWorkflows(fileDoc, doc) {
  const byId = new Map(operationsOf(doc).map((op) => [op.operationId, op]));
  return (fileDoc.workflows ?? []).map((workflow) => {
    const operations = (workflow.steps ?? []).map((step) => {
      const operationId = stepOperationId(step);
      return { stepId: step.stepId, operationId, method: operationId ? byId.get(operationId)?.method : undefined };
    });
    return {
      workflowId: workflow.workflowId,
      operations,
      readOnly: operations.length > 0 && operations.every((op) => op.method !== undefined && READ_METHODS.has(op.method)),
    };
  });
}
