// Contract cases read from the bundled spec, so a new operation, status or example is covered
// without touching the tests: example requests, 2xx examples, documented errors.
import fc from 'fast-check';
import { createArbitraries } from '../fuzz/arbitrary.js';
import type { RequestParts } from '../fuzz/requests.js';
import { createSchemaContext, type Json } from '../fuzz/schema.js';
import { deref, loadSpecs, type LoadedSpec } from '../support/specs.js';

export interface OperationCases {
  spec: LoadedSpec;
  op: any;
  /** Label for messages and test names: `vpcep ListEndpoints`. */
  label: string;
  /** One request per request-body example (or one, without a body), parameters from the spec's examples. */
  requests: { name: string; request: RequestParts }[];
  successes: ResponseCase[];
  errors: ResponseCase[];
}

export interface ResponseCase {
  status: number;
  /** The example's name in the spec, if the response has examples. */
  example?: string;
  value?: Json;
  /** The response documents no body at all (a 204): the client resolves to undefined. */
  bodyless?: true;
  /** The Prefer header that makes Prism answer with this response. */
  prefer: string;
}

export async function contractCases(): Promise<OperationCases[]> {
  const specs = await loadSpecs();
  return specs.flatMap((spec) => spec.model.operations.map((op: any) => casesOf(spec, op)));
}

function casesOf(spec: LoadedSpec, op: any): OperationCases {
  const label = `${spec.name} ${op.operationId}`;
  const pathItem = deref(spec.doc, spec.doc.paths[op.path]);
  const operation = pathItem[op.method];
  const successes: ResponseCase[] = [];
  const errors: ResponseCase[] = [];
  for (const [status, ref] of Object.entries<any>(operation.responses ?? {})) {
    if (!/^\d{3}$/.test(status)) continue; // `default` and 4XX ranges have no status to ask Prism for
    const response = deref(spec.doc, ref);
    const examples = Object.entries<any>(response.content?.['application/json']?.examples ?? {});
    const into = status.startsWith('2') ? successes : errors;
    if (examples.length === 0) into.push({ status: Number(status), ...(response.content ? {} : { bodyless: true as const }), prefer: `code=${status}` });
    for (const [name, example] of examples) {
      into.push({ status: Number(status), example: name, value: deref(spec.doc, example).value, prefer: `code=${status}, example=${name}` });
    }
  }
  return { spec, op, label, requests: exampleRequests(spec, op, pathItem, operation), successes, errors };
}

function exampleRequests(spec: LoadedSpec, op: any, pathItem: any, operation: any): OperationCases['requests'] {
  const ctx = createSchemaContext(spec.name, spec.doc);
  const { arbitrary } = createArbitraries(ctx);
  // A value the spec gives (example, default, first enum value), else a generated valid one.
  const valueOf = (p: any, where: string): Json => {
    const examples = Object.values<any>(p.examples ?? {});
    if (examples.length > 0) return deref(spec.doc, examples[0]).value;
    if (p.example !== undefined) return p.example;
    if (p.schema?.default !== undefined) return p.schema.default;
    if (p.schema?.enum) return p.schema.enum[0];
    return fc.sample(arbitrary(p.schema, where), { numRuns: 1, seed: 1 })[0]!;
  };
  const declared = new Map<string, any>(
    [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: any) => deref(spec.doc, p)).map((p: any) => [p.name, p]),
  );
  const group = (params: { name: string }[]) =>
    Object.fromEntries(
      params
        .filter((p) => !op.autoParams.includes(p.name)) // filled from the client options
        .map((p) => declared.get(p.name))
        .filter((p) => p.required || p.examples || p.example !== undefined)
        .map((p) => [p.name, valueOf(p, `${op.operationId} ${p.name}`)]),
    );
  const params = { path: group(op.pathParams), query: group(op.queryParams), header: group(op.headerParams) };
  // Every example of every media type; with several, the request names its `contentType`.
  const content = deref(spec.doc, operation.requestBody)?.content ?? {};
  const several = Object.keys(content).length > 1;
  const bodies = Object.entries<any>(content).flatMap(([mediaType, media]) =>
    Object.entries<any>(media.examples ?? {}).map(([name, example]) => ({ mediaType, name, example })),
  );
  if (bodies.length === 0) {
    if (!op.body?.required) return [{ name: 'parameters only', request: params }];
    return [{ name: 'generated body', request: { ...params, body: fc.sample(arbitrary(op.body.schema, op.operationId), { numRuns: 1, seed: 1 })[0]! } }];
  }
  return bodies.map(({ mediaType, name, example }) => ({
    name: several ? `${name} (${mediaType})` : name,
    request: { ...params, ...(several ? { contentType: mediaType } : {}), body: deref(spec.doc, example).value },
  }));
}

/**
 * The code and message a documented error body carries: VPCEP `{error:{code,message}}` or
 * `{error_code,error_msg}`, APIG `{error_code,error_msg}`, Kubernetes Status `reason`/`message`.
 */
export function documentedError(label: string, value: any): { code: string; message: string } {
  if (value?.kind === 'Status') return { code: value.reason, message: value.message };
  if (value?.error && typeof value.error === 'object') {
    return { code: value.error.code ?? value.error.error_code, message: value.error.message ?? value.error.error_msg };
  }
  if (value?.error_code !== undefined) return { code: value.error_code, message: value.error_msg };
  throw new Error(`${label}: unknown error body shape ${JSON.stringify(value)}: teach documentedError() about it`);
}
