// Stage "ledger": renders the services' discrepancy ledgers into spec/DISCREPANCIES.md.
import fs from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { addFile } from '../lib/context.mjs';
import { withHeader } from '../lib/header.mjs';

export async function runLedger(ctx) {
  const file = 'templates/discrepancies.md.hbs';
  const template = Handlebars.compile(await fs.readFile(path.join(ctx.root, file), 'utf8'), { strict: false, noEscape: true });
  const services = ctx.services.map((service) => ({
    name: service.name,
    title: ctx.models.get(service.name)?.title ?? service.name,
    ledger: path.relative(ctx.root, path.join(path.dirname(service.root), 'discrepancies.yaml')),
    entries: ctx.ledgers.get(service.name).map((e) => ({
      ...e,
      operations: [].concat(e.operations).join(', '),
      references: [].concat(e.references ?? []),
      excludes: [].concat(e.excludes ?? []),
    })),
  }));
  const total = services.reduce((n, s) => n + s.entries.length, 0);
  const sources = [...services.map((s) => s.ledger), file];
  addFile(ctx, 'spec/DISCREPANCIES.md', withHeader('md', sources, template({ services, total })));
}
