// Request samples for every operation (Redoc's `x-codeSamples`): curl with the IAM token header and
// a call with this package's generated client. Built from the spec (server, parameter and request
// body examples) and the client model (stages/model.mjs: method names, input shape, auto-filled
// path parameters), so they change when either does. test/docs/code-samples.test.ts type-checks
// every TypeScript sample against generated/<service>/index.ts.
import { deref, exampleValue, operationsOf } from './operations.mjs';
import { AUTO_PATH_PARAMS, isJsonMediaType } from '../stages/model.mjs';

export const PACKAGE = 'huaweicloud-openapi';
const TOKEN_ENV = 'HUAWEICLOUD_TOKEN';
const PROJECT_ENV = 'HUAWEICLOUD_PROJECT_ID';
const CLUSTER_ENV = 'CCE_CLUSTER_ID';

/** operationId -> [{ lang, label, source }] for one service. */
export function codeSamplesOf(doc, model) {
  const raw = new Map(operationsOf(doc).map((op) => [op.operationId, op]));
  return new Map(model.operations.map((op) => [op.operationId, samplesFor(doc, model, op, raw.get(op.operationId))]));
}

function samplesFor(doc, model, op, raw) {
  const server = model.servers[0];
  const needsCluster = server.url.includes('{cluster_id}');
  const values = new Map(raw.parameters.map((p) => [p.name, exampleValue(doc, p)]));
  // Required parameters, and headers that have an example.
  const shown = (p) => p.required || (p.in === 'header' && values.get(p.name) !== undefined);
  const literal = (name) => values.get(name) ?? `<${name}>`;
  const media = sampleMedia(doc, op, raw.operation.requestBody);
  const body = media?.body;
  return [
    { lang: 'Shell', label: 'curl', source: curl(server, op, raw, { literal, shown, media, needsCluster }) },
    { lang: 'TypeScript', label: 'TypeScript', source: typescript(model, op, raw, { literal, shown, body, needsCluster }) },
  ];
}

/** The first example of the media type the client sends by default: { mediaType, text, body } (text: what curl sends). */
function sampleMedia(doc, op, requestBody) {
  if (!op.body) return undefined;
  const mediaType = op.body.defaultContentType;
  const media = deref(doc, requestBody)?.content?.[mediaType];
  const first = Object.values(media?.examples ?? {})[0];
  if (first === undefined) return undefined;
  const body = deref(doc, first).value;
  const text = isJsonMediaType(mediaType) ? JSON.stringify(body, null, 2) : String(body);
  return { mediaType, text, body };
}

function curl(server, op, raw, { literal, shown, media }) {
  const host = server.url.replace(/\{([^}]+)\}/g, (_, name) =>
    name === 'cluster_id' ? `$${CLUSTER_ENV}` : String(server.variables[name]?.default ?? `<${name}>`),
  );
  const pathname = op.path.replace(/\{([^}]+)\}/g, (_, name) => (name in AUTO_PATH_PARAMS ? `$${PROJECT_ENV}` : encodeURIComponent(String(literal(name)))));
  const query = raw.parameters
    .filter((p) => p.in === 'query' && shown(p))
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(literal(p.name)))}`);
  const url = `${host}${pathname}${query.length ? `?${query.join('&')}` : ''}`;
  const lines = [`curl -X ${op.httpMethod} "${url}"`, `  -H "X-Auth-Token: $${TOKEN_ENV}"`];
  for (const p of raw.parameters.filter((q) => q.in === 'header' && shown(q))) lines.push(`  -H ${shellQuote(`${p.name}: ${literal(p.name)}`)}`);
  if (media !== undefined) {
    // --data-binary keeps the newlines of a YAML body.
    lines.push(`  -H "Content-Type: ${media.mediaType}"`, `  ${isJsonMediaType(media.mediaType) ? '-d' : '--data-binary'} ${shellQuote(media.text)}`);
  }
  // Double quotes around the URL and token: the shell expands the variables.
  return lines.join(' \\\n');
}

function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function typescript(model, op, raw, { literal, shown, body, needsCluster }) {
  const factory = `create${model.pascal}Client`;
  const options = [
    `  region: ${JSON.stringify(model.servers[0].variables.region?.default ?? 'cn-north-4')},`,
    ...(needsCluster ? [`  clusterId: process.env.${CLUSTER_ENV}!,`] : []),
    ...(op.autoParams.length ? [`  projectId: process.env.${PROJECT_ENV}!,`] : []),
    `  auth: { token: process.env.${TOKEN_ENV}! },`,
  ];
  const input = raw.parameters
    .filter((p) => !(p.in === 'path' && op.autoParams.includes(p.name)) && (p.in === 'path' || shown(p)))
    .map((p) => `  ${propertyName(p.name)}: ${JSON.stringify(literal(p.name))},`);
  if (body !== undefined) input.push(`  body: ${indent(JSON.stringify(body, null, 2), '  ')},`);
  const call = input.length ? `client.${op.methodName}({\n${input.join('\n')}\n})` : `client.${op.methodName}()`;
  return [
    `import { ${factory} } from '${PACKAGE}/${model.service}';`,
    '',
    `const client = ${factory}({`,
    ...options,
    '});',
    '',
    `const result = await ${call};`,
    'console.log(result);',
  ].join('\n');
}

function propertyName(name) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function indent(text, prefix) {
  return text.split('\n').join(`\n${prefix}`);
}
