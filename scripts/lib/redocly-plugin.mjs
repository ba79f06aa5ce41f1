// This project's own Redocly lint rules (plugin id `project`, loaded by redocly.yaml).
//
// project/vendor-operation-id: every operationId is one of the vendor's names, listed in
// <service folder>/vendor-operation-ids.yaml next to the root document. The operationId is the
// generated client's method name, so a rename would silently rename a public method.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const VENDOR_LIST = 'vendor-operation-ids.yaml';

function readVendorList(rootFile) {
  const file = path.join(path.dirname(rootFile), VENDOR_LIST);
  let doc;
  try {
    doc = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { error: `${VENDOR_LIST} next to the root document is missing or unreadable (${error.code ?? error.message})` };
  }
  const names = doc?.operationIds;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) return { error: `${VENDOR_LIST}: expected \`operationIds:\`, a list of names` };
  if (!doc.source?.repository || !doc.source?.path) return { error: `${VENDOR_LIST}: \`source\` must name the repository and path the names come from` };
  return { names: new Set(names) };
}

function VendorOperationId() {
  let list = null;
  return {
    Root: {
      enter(_root, ctx) {
        list = readVendorList(ctx.location.source.absoluteRef);
        if (list.error) ctx.report({ message: list.error, location: ctx.location });
      },
    },
    Operation: {
      enter(operation, ctx) {
        if (!list?.names || typeof operation.operationId !== 'string') return;
        if (!list.names.has(operation.operationId)) {
          ctx.report({
            message: `operationId "${operation.operationId}" is not one of the vendor's operation names (${VENDOR_LIST}); use the vendor's name for this operation.`,
            location: ctx.location.child(['operationId']),
          });
        }
      },
    },
  };
}

export default function projectPlugin() {
  return {
    id: 'project',
    rules: {
      oas3: { 'vendor-operation-id': VendorOperationId },
    },
  };
}
