// Does a real response conform to the operation's spec? Status declared, declared headers
// present and valid, Content-Type one of the declared media types, body valid against the
// schema, by the client's rules: a known variant (`x-accept`) is accepted and only noted.
import { normalisePlan } from '../../stages/model.mjs';
import { deref } from '../operations.mjs';
import { formatPath } from './mutations.mjs';

/** Errors reported per response (the first ones; the rest are usually the same mistake). */
const MAX_ERRORS = 10;

/**
 * @param {ReturnType<typeof import('./spec-tools.mjs').specTools>} tools
 * @returns {(entry: any, response: { status: number, headers: Headers, bytes: Buffer }) => { findings: { field: string, message: string }[], notes: { field: string, message: string }[] }}
 */
export function createConformance(doc, tools) {
  const { ctx } = tools;
  const variants = new WeakMap();
  const hasVariants = (schema) => {
    if (!variants.has(schema)) variants.set(schema, normalisePlan(doc, schema) !== null);
    return variants.get(schema);
  };

  return (entry, { status, headers, bytes }) => {
    const findings = [];
    const notes = [];
    const responses = entry.operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (!key) {
      findings.push({ field: '(status)', message: `status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})` });
      return { findings, notes };
    }
    const response = deref(doc, responses[key]);
    for (const [name, ref] of Object.entries(response.headers ?? {})) {
      if (name.toLowerCase() === 'content-type') continue; // OpenAPI: described by `content`, not here
      const header = deref(doc, ref);
      const value = headers.get(name);
      if (value === null) {
        if (header.required) findings.push({ field: `header.${name}`, message: 'a required response header is missing' });
        continue;
      }
      if (header.schema && !ctx.check(header.schema, asTyped(value, ctx.resolve(header.schema, name).type))) {
        findings.push({ field: `header.${name}`, message: `the value does not match the declared schema ${JSON.stringify(header.schema)}` });
      }
    }
    const content = response.content ?? {};
    const declared = Object.keys(content);
    const contentType = headers.get('content-type');
    if (declared.length === 0) {
      if (bytes.length > 0) findings.push({ field: 'body', message: `the spec declares no body for ${key}, the server sent ${bytes.length} byte(s)${contentType ? ` of ${essence(contentType)}` : ''}` });
      return { findings, notes };
    }
    if (bytes.length === 0) {
      // A body is documented; an empty one is what the client refuses as malformed.
      if (Object.values(content).some((m) => m.schema)) findings.push({ field: 'body', message: `empty, where the spec documents ${declared.join(' or ')}` });
      return { findings, notes };
    }
    const media = declared.find((type) => mediaMatches(type, contentType));
    if (!media) {
      findings.push({ field: 'header.Content-Type', message: `${contentType ? essence(contentType) : 'missing'}, where the spec declares ${declared.join(' or ')}` });
      return { findings, notes };
    }
    const schema = content[media].schema;
    if (!schema || !isJson(media)) return { findings, notes };
    let body;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      findings.push({ field: 'body', message: `not valid JSON, where the spec declares ${media}` });
      return { findings, notes };
    }
    const generated = essence(media) === 'application/json' && key === String(status) ? tools.named(`${entry.operationId}Response${key}`) : undefined;
    const validate = generated ?? tools.validator(schema);
    if (!validate(body)) {
      for (const error of summarise(validate.errors).slice(0, MAX_ERRORS)) findings.push({ field: fieldOf(body, error), message: error.message });
      return { findings, notes };
    }
    const documented = hasVariants(schema) ? tools.validator(schema, 'canonical') : null;
    if (documented && !documented(body)) {
      for (const field of new Set(documented.errors.map((e) => fieldOf(body, e)))) {
        notes.push({ field, message: 'a known variant of the documented shape (accepted; the client normalises it)' });
      }
    }
    return { findings, notes };
  };
}

/** Header text as the type its schema declares (headers are text; `5` is an integer header). */
function asTyped(value, types = []) {
  if ((types.includes('integer') || types.includes('number')) && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

export function essence(contentType) {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** `application/json` matches itself; `application/*` and `*\/*` match their range. */
export function mediaMatches(declared, contentType) {
  if (!contentType) return false;
  const [type, subtype] = essence(declared).split('/');
  const [actualType, actualSubtype] = essence(contentType).split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

function isJson(media) {
  const e = essence(media);
  return e === 'application/json' || e.endsWith('+json');
}

/** Ajv's own path, in the client's notation (`body.endpoints[0].id`), naming a missing or extra property. */
function fieldOf(body, error) {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = body;
  const path = ['body'];
  for (const segment of segments) {
    path.push(Array.isArray(node) ? Number(segment) : segment);
    node = node?.[segment];
  }
  if (error.params?.missingProperty !== undefined) path.push(error.params.missingProperty);
  if (error.params?.additionalProperty !== undefined) path.push(error.params.additionalProperty);
  return formatPath(path);
}

/**
 * An anyOf/oneOf that nothing matched reports every branch's complaint, then its own (Ajv puts
 * the branches' errors right before it): one finding at its place, quoting the branches.
 */
function summarise(errors) {
  const out = [];
  const within = (e, at) => e.instancePath === at || e.instancePath.startsWith(`${at}/`);
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      out.push(e);
      continue;
    }
    const branches = [];
    while (out.length > 0 && within(out[out.length - 1], e.instancePath)) branches.unshift(out.pop());
    const quoted = [...new Set(branches.map((b) => branchMessage(e, b)))];
    const detail = quoted.length === 0 ? '' : ` (${quoted.slice(0, 4).join('; ')}${quoted.length > 4 ? '; ...' : ''})`;
    out.push({ ...e, message: `matches none of the accepted shapes${detail}` });
  }
  return out;
}

function branchMessage(alternative, error) {
  const at = error.instancePath.slice(alternative.instancePath.length).split('/').slice(1);
  if (error.params?.missingProperty !== undefined) at.push(error.params.missingProperty);
  return `${at.length > 0 ? `${at.join('.')}: ` : ''}${error.message}`;
}
