#!/usr/bin/env node
// Checks the shape of every facts file in this folder (see README.md); exits 1 on the first
// problems found. Usage: node spec/facts/vpcep/check.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const dir = path.dirname(fileURLToPath(import.meta.url));
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
const LOCATIONS = new Set(['path', 'query', 'header']);
const SOURCE_KINDS = new Set(['page', 'sdk-model', 'sdk-meta']);
const PAGINATION = new Set(['offset', 'marker', 'none']);
const TYPE = /^(string|integer|number|boolean|object|any)(\([\w-]+\))?$|^array<\w+>$|^object<map>$/;
const CONSTRAINTS = new Set(['minimum', 'maximum', 'minLength', 'maxLength', 'default', 'enum',
  'values_listed', 'range_in_prose', 'default_in_prose']);

const problems = [];
const fail = (file, where, what) => problems.push(`${file}: ${where}: ${what}`);

function checkConstraints(file, where, c) {
  if (c === undefined) return;
  if (typeof c !== 'object' || c === null) return fail(file, where, 'constraints is not a mapping');
  for (const key of Object.keys(c)) if (!CONSTRAINTS.has(key)) fail(file, where, `unknown constraint ${key}`);
}

function checkSource(file, i, s) {
  const where = `sources[${i}]`;
  if (!SOURCE_KINDS.has(s.kind)) fail(file, where, `kind ${s.kind}`);
  if (s.url) {
    if (!/^https:\/\//.test(s.url)) fail(file, where, 'url is not https');
    return;
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(s.repo ?? '')) fail(file, where, 'repo is not owner/name');
  if (!s.path) fail(file, where, 'no path');
  if (!/^[0-9a-f]{40}$/.test(s.commit ?? '')) fail(file, where, 'commit is not 40 hex digits');
}

function checkFields(file, where, fields, request) {
  if (!Array.isArray(fields)) return fail(file, where, 'fields is not a list');
  const seen = new Set();
  fields.forEach((f, i) => {
    const w = `${where}[${i}] ${f.path}`;
    if (typeof f.path !== 'string' || !f.path) fail(file, w, 'no path');
    if (seen.has(f.path)) fail(file, w, 'duplicate path');
    seen.add(f.path);
    if (!TYPE.test(f.type ?? '')) fail(file, w, `type ${f.type}`);
    if (request && typeof f.required !== 'boolean') fail(file, w, 'required is not boolean');
    checkConstraints(file, w, f.constraints);
  });
}

const files = fs.readdirSync(dir).filter((n) => /^[A-Z]\w+\.yaml$/.test(n)).sort();
for (const name of files) {
  const doc = parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  if (doc.operationId !== name.replace(/\.yaml$/, '')) fail(name, 'operationId', 'does not match the file name');
  if (!METHODS.has(doc.method)) fail(name, 'method', String(doc.method));
  if (typeof doc.path !== 'string' || !doc.path.startsWith('/')) fail(name, 'path', String(doc.path));
  if (typeof doc.summary_en !== 'string' || !doc.summary_en || doc.summary_en.includes('\n')) fail(name, 'summary_en', 'not one line');
  if (!Array.isArray(doc.sources) || !doc.sources.some((s) => s.kind === 'sdk-meta')) fail(name, 'sources', 'no sdk-meta source');
  (doc.sources ?? []).forEach((s, i) => checkSource(name, i, s));
  const params = new Set();
  for (const [i, p] of (doc.parameters ?? []).entries()) {
    const w = `parameters[${i}] ${p.name}`;
    if (!LOCATIONS.has(p.in)) fail(name, w, `in ${p.in}`);
    if (params.has(`${p.in} ${p.name}`)) fail(name, w, 'duplicate');
    params.add(`${p.in} ${p.name}`);
    if (!TYPE.test(p.type ?? '')) fail(name, w, `type ${p.type}`);
    if (typeof p.required !== 'boolean') fail(name, w, 'required is not boolean');
    checkConstraints(name, w, p.constraints);
  }
  for (const t of doc.path.matchAll(/\{(\w+)\}/g)) {
    if (!params.has(`path ${t[1]}`)) fail(name, 'parameters', `path template parameter ${t[1]} missing`);
  }
  if (doc.request_body) checkFields(name, 'request_body.fields', doc.request_body.fields, true);
  if (!Array.isArray(doc.responses) || doc.responses.length === 0) fail(name, 'responses', 'none');
  for (const [i, r] of (doc.responses ?? []).entries()) {
    if (!Array.isArray(r.statuses) || !r.statuses.every((s) => s === 'unknown' || (Number.isInteger(s) && s >= 100 && s < 600))) {
      fail(name, `responses[${i}]`, 'statuses');
    }
    checkFields(name, `responses[${i}].fields`, r.fields, false);
  }
  if (!PAGINATION.has(doc.pagination?.style)) fail(name, 'pagination', String(doc.pagination?.style));
  if (!Array.isArray(doc.contradictions)) fail(name, 'contradictions', 'not a list');
  for (const [i, c] of (doc.contradictions ?? []).entries()) {
    if (typeof c.kind !== 'string' || typeof c.where !== 'string') fail(name, `contradictions[${i}]`, 'needs kind and where');
  }
}

if (files.length === 0) problems.push('no facts files found');
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`facts: ${files.length} operation files well-formed`);
