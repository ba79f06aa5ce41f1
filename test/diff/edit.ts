// Helpers that find the part of a bundled spec a corpus edit changes, by following the operation
// that uses it (so an edit keeps working when a schema is renamed).
import { deref } from '../../scripts/lib/operations.mjs';

export { deref };

export function pathItemOf(doc: any, operationId: string): { path: string; method: string; item: any; operation: any } {
  for (const [path, raw] of Object.entries<any>(doc.paths)) {
    const item = deref(doc, raw);
    for (const [method, operation] of Object.entries<any>(item)) {
      if (operation?.operationId === operationId) return { path, method, item, operation };
    }
  }
  throw new Error(`edit: no operation ${operationId}`);
}

export const operation = (doc: any, id: string) => pathItemOf(doc, id).operation;

export function requestSchema(doc: any, id: string): any {
  return deref(doc, deref(doc, operation(doc, id).requestBody).content['application/json'].schema);
}

export function response(doc: any, id: string, status: string): any {
  return deref(doc, operation(doc, id).responses[status]);
}

export function responseSchema(doc: any, id: string, status: string): any {
  return deref(doc, response(doc, id, status).content['application/json'].schema);
}

export function parameter(doc: any, id: string, name: string): any {
  const found = (operation(doc, id).parameters ?? []).map((p: any) => deref(doc, p)).find((p: any) => p.name === name);
  if (!found) throw new Error(`edit: ${id} has no parameter ${name}`);
  return found;
}

/** A property's (resolved) schema. */
export const prop = (doc: any, schema: any, name: string) => {
  if (!schema.properties?.[name]) throw new Error(`edit: no property ${name}`);
  return deref(doc, schema.properties[name]);
};
