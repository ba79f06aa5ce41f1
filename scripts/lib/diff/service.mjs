// Compares two bundled documents of one service: every entry names the operation (or null for
// service-wide changes), a JSON pointer and its rule.
import { createCollector } from './collector.mjs';
import { compareOperation, listOperations, pathShape } from './operations.mjs';
import { child } from './pointer.mjs';
import { createSchemaComparer } from './schema.mjs';
import { compareSecurity, compareSchemes } from './security.mjs';
import { compareServers } from './servers.mjs';
import { annotationsOf } from './annotations.mjs';

const opRef = (op) => ({ id: op.id, method: op.method, path: op.path });
const opName = (op) => op.id ?? `${op.method.toUpperCase()} ${op.path}`;

export function compareService(service, oldDoc, newDoc) {
  const collector = createCollector(service);
  if (!oldDoc && !newDoc) return collector.entries;
  if (!oldDoc || !newDoc) {
    collector.add(newDoc ? 'service-added' : 'service-removed', { location: '', message: `service ${service} ${newDoc ? 'added' : 'removed'}` });
    return collector.entries;
  }
  const schemas = createSchemaComparer(oldDoc, newDoc);
  const serviceWide = (rule, location, message) => collector.add(rule, { location, message });

  // Document level: metadata, dialect, servers, security schemes, named schemas.
  annotationsOf(oldDoc, newDoc, '', 'document', serviceWide, ['openapi', 'jsonSchemaDialect', 'servers', 'security', 'paths', 'components', 'webhooks', 'x-generated', 'info', 'tags', 'externalDocs']);
  for (const key of ['info', 'tags', 'externalDocs']) {
    if (JSON.stringify(oldDoc[key]) !== JSON.stringify(newDoc[key])) serviceWide('metadata-changed', child('', key), `${key} changed`);
  }
  if (oldDoc.jsonSchemaDialect !== newDoc.jsonSchemaDialect) serviceWide('dialect-changed', '/jsonSchemaDialect', `jsonSchemaDialect ${oldDoc.jsonSchemaDialect ?? 'default'} -> ${newDoc.jsonSchemaDialect ?? 'default'}`);
  compareServers(oldDoc.servers, newDoc.servers, '/servers', 'document', serviceWide);
  compareSchemes(oldDoc, newDoc, serviceWide);
  const namesA = Object.keys(oldDoc.components?.schemas ?? {});
  const namesB = new Set(Object.keys(newDoc.components?.schemas ?? {}));
  for (const name of namesA) if (!namesB.has(name)) serviceWide('component-schema-removed', child('/components/schemas', name), `schema ${name} removed`);
  for (const name of namesB) if (!namesA.includes(name)) serviceWide('component-schema-added', child('/components/schemas', name), `schema ${name} added`);

  // Named examples are only referenced from operations, so a change in one is found here.
  const examplesA = oldDoc.components?.examples ?? {};
  const examplesB = newDoc.components?.examples ?? {};
  for (const name of new Set([...Object.keys(examplesA), ...Object.keys(examplesB)])) {
    if (JSON.stringify(examplesA[name]) !== JSON.stringify(examplesB[name])) serviceWide('example-changed', child('/components/examples', name), `example ${name} ${!examplesA[name] ? 'added' : !examplesB[name] ? 'removed' : 'changed'}`);
  }

  // Operations: matched by operationId, then (a renamed operation) by method and path.
  const opsA = listOperations(oldDoc);
  const opsB = listOperations(newDoc);
  const pairs = [];
  const restA = [];
  const restB = new Set(opsB);
  for (const a of opsA) {
    const b = a.id ? opsB.find((o) => o.id === a.id && restB.has(o)) : opsB.find((o) => !o.id && o.method === a.method && o.path === a.path);
    if (b) {
      pairs.push([a, b]);
      restB.delete(b);
    } else restA.push(a);
  }
  for (const a of restA) {
    const b = [...restB].find((o) => o.method === a.method && pathShape(o.path) === pathShape(a.path));
    if (b) {
      collector.add('operation-id-changed', { operation: opRef(b), location: child(b.pointer, 'operationId'), message: `operation ${opName(a)} renamed to ${opName(b)} (the client method is renamed)` });
      pairs.push([a, b]);
      restB.delete(b);
    } else collector.add('operation-removed', { operation: opRef(a), location: a.pointer, message: `operation ${opName(a)} (${a.method.toUpperCase()} ${a.path}) removed` });
  }
  for (const b of restB) collector.add('operation-added', { operation: opRef(b), location: b.pointer, message: `operation ${opName(b)} (${b.method.toUpperCase()} ${b.path}) added` });

  for (const [a, b] of pairs) {
    const operation = opRef(b);
    const emit = (rule, location, message) => collector.add(rule, { operation, location, message });
    if (a.method !== b.method || pathShape(a.path) !== pathShape(b.path)) {
      emit('operation-path-changed', b.pointer, `${opName(b)}: ${a.method.toUpperCase()} ${a.path} -> ${b.method.toUpperCase()} ${b.path}`);
    }
    compareOperation({ oldDoc, newDoc, schemas, emit }, a, b);
    compareSecurity(oldDoc, newDoc, a, b, emit);
    // Servers set on the path item or operation override the document's.
    const own = (op) => op.node.servers ?? op.item.servers;
    if (own(a) || own(b)) compareServers(own(a) ?? oldDoc.servers, own(b) ?? newDoc.servers, child(b.pointer, 'servers'), opName(b), emit);
  }
  return collector.entries;
}
