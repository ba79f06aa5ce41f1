// Stage "load": every service root exists and every ledger parses and is well-formed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

const LEDGER_FIELDS = ['id', 'title', 'operations', 'where', 'source', 'document', 'spec', 'why'];

export async function runLoad(ctx) {
  if (ctx.services.length === 0) throw new Error('redocly.yaml: no services under `apis:`');
  for (const service of ctx.services) {
    await fs.access(service.root).catch(() => {
      throw new Error(`${path.relative(ctx.root, service.root)}: root of service "${service.name}" (redocly.yaml apis.${service.name}.root) does not exist`);
    });
    ctx.ledgers.set(service.name, await readLedger(ctx, service));
  }
}

async function readLedger(ctx, service) {
  const file = path.join(path.dirname(service.root), 'discrepancies.yaml');
  const rel = path.relative(ctx.root, file);
  let text;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new Error(`${rel}: missing (every service keeps a ledger of documentation discrepancies)`);
  }
  let doc;
  try {
    doc = parse(text, { prettyErrors: true });
  } catch (error) {
    throw new Error(`${rel}: ${error.message}`);
  }
  const entries = doc?.entries;
  if (!Array.isArray(entries)) throw new Error(`${rel}: expected a top-level \`entries:\` list`);
  const seen = new Set();
  entries.forEach((entry, index) => {
    const at = `${rel}: entries[${index}]${entry?.id ? ` (${entry.id})` : ''}`;
    for (const field of LEDGER_FIELDS) {
      if (entry?.[field] === undefined || entry[field] === '') throw new Error(`${at}: missing \`${field}\``);
    }
    if (seen.has(entry.id)) throw new Error(`${at}: duplicate id ${entry.id}`);
    seen.add(entry.id);
  });
  return entries;
}
