// Stage "clients": per-service client modules rendered from the handlebars templates in
// templates/ over the normalised operation model.
import fs from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { addFile } from '../lib/context.mjs';
import { withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { AUTO_PATH_PARAMS } from './model.mjs';

const TEMPLATES = { 'client.ts': 'client.ts.hbs', 'index.ts': 'index.ts.hbs' };

export async function runClients(ctx) {
  const hbs = createHandlebars();
  const compiled = {};
  for (const [out, file] of Object.entries(TEMPLATES)) {
    const source = await fs.readFile(path.join(ctx.root, 'templates', file), 'utf8');
    compiled[out] = { template: hbs.compile(source, { strict: true, noEscape: true }), file };
  }
  for (const service of ctx.services) {
    const view = clientView(ctx.models.get(service.name));
    for (const [out, { template, file }] of Object.entries(compiled)) {
      const sources = [...specSources(ctx, service), `templates/${file}`];
      let text;
      try {
        text = template(view);
      } catch (error) {
        throw new Error(`templates/${file} (service ${service.name}): ${error.message}`);
      }
      addFile(ctx, `generated/${service.name}/${out}`, withHeader('ts', sources, text));
    }
  }
}

/** `<operationId>Response<status>` -> where that body may hold a known variant (see src/runtime/normalise.ts). */
function normalisePlans(model) {
  const plans = {};
  for (const op of model.operations) {
    for (const response of op.responses) if (response.normalise) plans[`${op.operationId}Response${response.status}`] = response.normalise;
  }
  return plans;
}

/** What the templates see: the model plus the few derived strings TypeScript needs. */
function clientView(model) {
  return {
    ...model,
    serversJson: JSON.stringify(model.servers, null, 2).replace(/\n/g, '\n  '),
    normalisePlansJson: JSON.stringify(normalisePlans(model), null, 2),
    regionsUnion: regionsUnion(model.servers),
    operations: model.operations.map((op) => {
      const userParams = [...op.pathParams.filter((p) => !op.autoParams.includes(p.name)), ...op.queryParams, ...op.headerParams];
      return {
        ...op,
        autoParamsUnion: op.autoParams.length ? op.autoParams.map((p) => `'${p}'`).join(' | ') : 'never',
        inputOptional: !userParams.some((p) => p.required) && !(op.body && op.body.required),
        // The type argument that makes the input a union over the body's media types.
        bodyMediaTypeArg: op.body?.contentTypes.length > 1 ? `, ${JSON.stringify(op.body.defaultContentType)}` : '',
        descriptorJson: JSON.stringify(
          {
            operationId: op.operationId,
            method: op.method,
            path: op.path,
            params: {
              path: op.pathParams.map((p) => p.name),
              query: op.queryParams.map((p) => p.name),
              header: op.headerParams.map((p) => p.name),
            },
            autoParams: Object.fromEntries(op.autoParams.map((p) => [p, AUTO_PATH_PARAMS[p]])),
            hasBody: Boolean(op.body),
            ...(op.body?.contentTypes.length > 1
              ? {
                  bodyMediaTypes: Object.fromEntries(op.body.contentTypes.map((c) => [c.mediaType, c.encoding])),
                  defaultContentType: op.body.defaultContentType,
                }
              : {}),
            idempotent: op.idempotent,
            responseStatuses: op.responses.filter((r) => r.schema).map((r) => r.status),
            // Documented successes without a body (a 204): no validator, and empty is right.
            emptyStatuses: op.responses.filter((r) => !r.schema && /^2/.test(r.status)).map((r) => r.status),
          },
          null,
          2,
        ),
        jsdoc: jsdoc(op),
        paging: op.pagination ? pagingView(op) : null,
      };
    }),
  };
}

/**
 * What the `…All()` iterator of a paginated operation looks like: the input less the paging
 * fields (query parameters, or body fields with `in: body`), the item type, and its doc line.
 */
function pagingView(op) {
  const p = op.pagination;
  const input = `${op.typeName}Input`;
  const output = `${op.typeName}Output`;
  const owned = p.style === 'marker' ? [p.limit, p.marker] : [p.limit, p.offset];
  if (p.style !== 'marker' && p.style !== 'offset') throw new Error(`${op.operationId}: x-pagination style ${p.style} is not supported (offset, marker)`);
  for (const name of ['items', 'limit', ...(p.style === 'marker' ? ['marker', 'next'] : ['offset'])]) {
    if (typeof p[name] !== 'string' || p[name] === '') throw new Error(`${op.operationId}: x-pagination needs \`${name}\``);
  }
  if (!(p.style === 'offset' && p.in === 'body')) {
    const missing = owned.filter((name) => !op.queryParams.some((q) => q.name === name));
    if (missing.length > 0) throw new Error(`${op.operationId}: x-pagination names ${missing.join(', ')}, which is not a query parameter of the operation`);
  }
  const keys = owned.map((k) => `'${k}'`).join(' | ');
  const inBody = p.style === 'offset' && p.in === 'body';
  if (p.in !== undefined && p.in !== 'query' && p.in !== 'body') throw new Error(`${op.operationId}: x-pagination in must be query or body`);
  if (inBody && !op.body) throw new Error(`${op.operationId}: x-pagination in: body, but the operation has no request body`);
  const inputType = inBody
    ? `Omit<${input}, 'body'> & (undefined extends ${input}['body'] ? { body?: Omit<NonNullable<${input}['body']>, ${keys}> } : { body: Omit<${input}['body'], ${keys}> })`
    : `Omit<${input}, ${keys}>`;
  const itemType = `NonNullable<${p.items.split('.').reduce((type, key) => `NonNullable<${type}>[${JSON.stringify(key)}]`, output)}>[number]`;
  const how =
    p.style === 'marker'
      ? `\`${p.limit}\` per page, following the \`${p.marker}\` marker the answer gives in \`${p.next}\` until it is empty or absent`
      : `\`${p.limit}\`/\`${p.offset}\`${inBody ? ' in the request body' : ''}${p.total ? `, up to \`${p.total}\`` : ', until an empty page'}`;
  return { inputType, itemType, how, inputOptional: op.inputOptional !== false };
}

const REGION_LABEL = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Every region a server serves: the region enums of templated hosts and the region label of fixed ones. */
function regionsUnion(servers) {
  const regions = new Set();
  for (const server of servers) {
    if (!server.url.includes('{')) {
      const label = new URL(server.url).hostname.split('.').find((l) => REGION_LABEL.test(l));
      if (label) regions.add(label);
    }
    for (const r of server.variables.region?.enum ?? []) regions.add(r);
  }
  return regions.size ? [...regions].map((r) => `'${r}'`).join(' | ') : 'string';
}

function jsdoc(op) {
  const clean = (text) => text.replace(/\*\//g, '*\\/').trim();
  const lines = [clean(op.summary), ''];
  if (op.description) lines.push(...clean(op.description).split('\n'), '');
  lines.push(`\`${op.httpMethod} ${op.path}\` (operationId \`${op.operationId}\`)`);
  if (op.deprecated) lines.push('@deprecated Marked deprecated in the spec; the description says why and what replaces it.');
  for (const p of [...op.pathParams, ...op.queryParams, ...op.headerParams]) {
    if (p.deprecated) lines.push(`@remarks Parameter \`${p.name}\` is deprecated.`);
  }
  return ['/**', ...lines.map((l) => (l ? ` * ${l}` : ' *')), ' */'].join('\n  ');
}

function createHandlebars() {
  const hbs = Handlebars.create();
  hbs.registerHelper('json', (value) => JSON.stringify(value));
  return hbs;
}
