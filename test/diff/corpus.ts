// The corpus: one realistic edit of a real bundled spec per rule (and a few refactors that must
// report nothing), with the classification each must get. `base` edits the old side, `head` the
// new side (a missing one leaves that side as checked in); returning null removes the service.
import { deref, operation, parameter, pathItemOf, prop, requestSchema, response, responseSchema } from './edit.js';

type Edit = (doc: any) => void | null;
export interface Case {
  name: string;
  service: 'vpcep' | 'apig' | 'cce';
  base?: Edit;
  head?: Edit;
  /** rule -> class; exactly these rules must be reported */
  expect: Record<string, 'breaking' | 'non-breaking' | 'doc-only'>;
}

const B = 'breaking' as const;
const N = 'non-breaking' as const;
const D = 'doc-only' as const;

// VPCEP: UpdateEndpointService's (closed) request body, ListEndpoints' query parameters and its
// (open) EndpointResp response objects.
const body = (d: any) => requestSchema(d, 'UpdateEndpointService');
const field = (d: any, name: string) => prop(d, body(d), name);
const endpoint = (d: any) => deref(d, responseSchema(d, 'ListEndpoints', '200').properties.endpoints.items);
const out = (d: any, name: string) => prop(d, endpoint(d), name);
const limit = (d: any) => parameter(d, 'ListEndpoints', 'limit');
const listOk = (d: any) => response(d, 'ListEndpoints', '200');
const threeVariants = (d: any) => {
  field(d, 'ip').oneOf = [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }, { type: 'string', format: 'hostname' }];
  delete field(d, 'ip').type;
};
const twoVariants = (d: any) => {
  threeVariants(d);
  field(d, 'ip').oneOf.pop();
};
const outVariants = (d: any, n: number) => {
  const s = out(d, 'ip');
  delete s.type;
  s.anyOf = [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }, { type: 'integer' }].slice(0, n);
};
const xmlToo = (media: any) => ({ ...media, 'application/xml': media['application/json'] });

export const CASES: Case[] = [
  // Request: type, enum, ranges, lengths, counts, pattern, format, uniqueness, closure, variants.
  { name: 'request field made nullable', service: 'vpcep', head: (d) => void (field(d, 'ip').type = ['string', 'null']), expect: { 'request-type-widened': N } },
  { name: 'request field no longer nullable', service: 'vpcep', base: (d) => void (field(d, 'ip').type = ['string', 'null']), expect: { 'request-type-narrowed': B } },
  { name: 'request boolean became a string', service: 'vpcep', head: (d) => void (field(d, 'approval_enabled').type = 'string'), expect: { 'request-type-changed': B } },
  { name: 'request enum value removed', service: 'vpcep', head: (d) => void field(d, 'tcp_proxy').enum.pop(), expect: { 'request-enum-narrowed': B } },
  { name: 'request enum value added', service: 'vpcep', head: (d) => void field(d, 'tcp_proxy').enum.push('corpus_new_mode'), expect: { 'request-enum-widened': N } },
  { name: 'request maximum lowered', service: 'vpcep', head: (d) => void (limit(d).schema.maximum = 500), expect: { 'request-range-narrowed': B } },
  { name: 'request maximum raised', service: 'vpcep', head: (d) => void (limit(d).schema.maximum = 2000), expect: { 'request-range-widened': N } },
  { name: 'request multipleOf changed', service: 'vpcep', base: (d) => void (limit(d).schema.multipleOf = 2), head: (d) => void (limit(d).schema.multipleOf = 3), expect: { 'request-range-changed': B } },
  { name: 'request maxLength lowered', service: 'vpcep', head: (d) => void (field(d, 'service_name').maxLength -= 1), expect: { 'request-length-narrowed': B } },
  { name: 'request maxLength raised', service: 'vpcep', head: (d) => void (field(d, 'service_name').maxLength += 1), expect: { 'request-length-widened': N } },
  { name: 'request maxItems lowered', service: 'vpcep', head: (d) => void (field(d, 'ports').maxItems = 100), expect: { 'request-item-count-narrowed': B } },
  { name: 'request maxItems removed', service: 'vpcep', head: (d) => void delete field(d, 'ports').maxItems, expect: { 'request-item-count-widened': N } },
  { name: 'request body needs a field', service: 'vpcep', head: (d) => void (body(d).minProperties = 1), expect: { 'request-property-count-narrowed': B } },
  { name: 'request maxProperties removed', service: 'vpcep', base: (d) => void (body(d).maxProperties = 4), expect: { 'request-property-count-widened': N } },
  { name: 'request pattern added', service: 'vpcep', head: (d) => void (field(d, 'ip').pattern = '^[0-9.]+$'), expect: { 'request-pattern-narrowed': B } },
  { name: 'request pattern removed', service: 'vpcep', head: (d) => void delete field(d, 'service_name').pattern, expect: { 'request-pattern-widened': N } },
  { name: 'request pattern changed', service: 'vpcep', head: (d) => void (field(d, 'service_name').pattern = '^[a-z]*$'), expect: { 'request-pattern-changed': B } },
  { name: 'request format added', service: 'vpcep', head: (d) => void (field(d, 'ip').format = 'ipv4'), expect: { 'request-format-narrowed': B } },
  { name: 'request format removed', service: 'vpcep', base: (d) => void (field(d, 'ip').format = 'ipv4'), expect: { 'request-format-widened': N } },
  { name: 'request format changed', service: 'vpcep', base: (d) => void (field(d, 'ip').format = 'ipv4'), head: (d) => void (field(d, 'ip').format = 'ipv6'), expect: { 'request-format-changed': B } },
  { name: 'request items must be unique', service: 'vpcep', base: (d) => void delete field(d, 'ports').uniqueItems, expect: { 'request-unique-items-narrowed': B } },
  { name: 'request items may repeat', service: 'vpcep', head: (d) => void delete field(d, 'ports').uniqueItems, expect: { 'request-unique-items-widened': N } },
  { name: 'request body opened', service: 'vpcep', head: (d) => void delete body(d).additionalProperties, expect: { 'request-additional-properties-widened': N } },
  { name: 'request body closed', service: 'vpcep', base: (d) => void delete body(d).additionalProperties, expect: { 'request-additional-properties-narrowed': B } },
  { name: 'request variant added', service: 'vpcep', base: twoVariants, head: threeVariants, expect: { 'request-variants-widened': N } },
  { name: 'request variant removed', service: 'vpcep', base: threeVariants, head: twoVariants, expect: { 'request-variants-narrowed': B } },
  // Request: fields.
  { name: 'request field removed', service: 'vpcep', head: (d) => void delete body(d).properties.description, expect: { 'request-property-removed': B } },
  { name: 'request field made readOnly', service: 'vpcep', head: (d) => void (field(d, 'ip').readOnly = true), expect: { 'request-property-removed': B } },
  { name: 'request field renamed', service: 'vpcep', head: (d) => { body(d).properties.remark = body(d).properties.description; delete body(d).properties.description; }, expect: { 'request-property-removed': B, 'request-property-added': N } },
  { name: 'optional request field added', service: 'vpcep', head: (d) => void (body(d).properties.remark = { type: 'string', description: 'A remark.' }), expect: { 'request-property-added': N } },
  { name: 'required request field added', service: 'vpcep', head: (d) => { body(d).properties.remark = { type: 'string', description: 'A remark.' }; body(d).required = ['remark']; }, expect: { 'request-property-added-required': B } },
  { name: 'request field made required', service: 'vpcep', head: (d) => void (body(d).required = ['service_name']), expect: { 'request-property-became-required': B } },
  { name: 'request field made optional', service: 'vpcep', base: (d) => void (body(d).required = ['service_name']), expect: { 'request-property-became-optional': N } },
  { name: 'request default changed', service: 'vpcep', head: (d) => void (limit(d).schema.default = 20), expect: { 'request-default-changed': B } },
  // Parameters.
  { name: 'query parameter removed', service: 'vpcep', head: (d) => void (operation(d, 'ListEndpoints').parameters = operation(d, 'ListEndpoints').parameters.filter((p: any) => deref(d, p).name !== 'sort_dir')), expect: { 'parameter-removed': B } },
  { name: 'optional query parameter added', service: 'vpcep', head: (d) => void operation(d, 'ListEndpoints').parameters.push({ name: 'status', in: 'query', description: 'Status filter.', schema: { type: 'string' } }), expect: { 'parameter-added': N } },
  { name: 'required query parameter added', service: 'vpcep', head: (d) => void operation(d, 'ListEndpoints').parameters.push({ name: 'status', in: 'query', required: true, description: 'Status filter.', schema: { type: 'string' } }), expect: { 'parameter-added-required': B } },
  { name: 'parameter made required', service: 'vpcep', head: (d) => void (limit(d).required = true), expect: { 'parameter-became-required': B } },
  { name: 'parameter made optional', service: 'vpcep', base: (d) => void (limit(d).required = true), expect: { 'parameter-became-optional': N } },
  { name: 'parameter serialised differently', service: 'vpcep', head: (d) => void (limit(d).explode = false), expect: { 'parameter-serialization-changed': B } },
  { name: 'parameter deprecated', service: 'vpcep', head: (d) => void (limit(d).deprecated = true), expect: { deprecated: N } },
  // Request bodies and content types.
  { name: 'request body removed', service: 'vpcep', head: (d) => void delete operation(d, 'UpdateEndpointService').requestBody, expect: { 'request-body-removed': B } },
  { name: 'optional request body added', service: 'vpcep', base: (d) => void delete operation(d, 'UpdateEndpointService').requestBody, head: (d) => void (operation(d, 'UpdateEndpointService').requestBody.required = false), expect: { 'request-body-added': N } },
  { name: 'required request body added', service: 'vpcep', base: (d) => void delete operation(d, 'UpdateEndpointService').requestBody, expect: { 'request-body-added-required': B } },
  { name: 'request body made optional', service: 'vpcep', head: (d) => void (operation(d, 'UpdateEndpointService').requestBody.required = false), expect: { 'request-body-became-optional': N } },
  { name: 'request body made required', service: 'vpcep', base: (d) => void (operation(d, 'UpdateEndpointService').requestBody.required = false), expect: { 'request-body-became-required': B } },
  { name: 'request content type removed', service: 'vpcep', base: (d) => void (operation(d, 'UpdateEndpointService').requestBody.content = xmlToo(operation(d, 'UpdateEndpointService').requestBody.content)), expect: { 'request-media-type-removed': B } },
  { name: 'request content type added', service: 'vpcep', head: (d) => void (operation(d, 'UpdateEndpointService').requestBody.content = xmlToo(operation(d, 'UpdateEndpointService').requestBody.content)), expect: { 'request-media-type-added': N } },
  // Response: the same dimensions, the other way round.
  { name: 'response field may be null', service: 'vpcep', head: (d) => void (out(d, 'id').type = ['string', 'null']), expect: { 'response-type-widened': B } },
  { name: 'response field no longer null', service: 'vpcep', base: (d) => void (out(d, 'id').type = ['string', 'null']), expect: { 'response-type-narrowed': N } },
  { name: 'response boolean became a string', service: 'vpcep', head: (d) => void (out(d, 'enable_dns').type = 'string'), expect: { 'response-type-changed': B } },
  { name: 'response enum value added', service: 'vpcep', head: (d) => void out(d, 'status').enum.push('corpus_new_status'), expect: { 'response-enum-widened': B } },
  { name: 'response enum value removed', service: 'vpcep', head: (d) => void out(d, 'status').enum.pop(), expect: { 'response-enum-narrowed': N } },
  { name: 'response maximum removed', service: 'vpcep', base: (d) => void (out(d, 'marker_id').maximum = 100000), expect: { 'response-range-widened': B } },
  { name: 'response maximum added', service: 'vpcep', head: (d) => void (out(d, 'marker_id').maximum = 100000), expect: { 'response-range-narrowed': N } },
  { name: 'response multipleOf changed', service: 'vpcep', base: (d) => void (out(d, 'marker_id').multipleOf = 2), head: (d) => void (out(d, 'marker_id').multipleOf = 3), expect: { 'response-range-changed': B } },
  { name: 'response maxLength removed', service: 'vpcep', base: (d) => void (out(d, 'id').maxLength = 64), expect: { 'response-length-widened': B } },
  { name: 'response maxLength added', service: 'vpcep', head: (d) => void (out(d, 'id').maxLength = 64), expect: { 'response-length-narrowed': N } },
  { name: 'response maxItems removed', service: 'vpcep', base: (d) => void (out(d, 'dns_names').maxItems = 3), expect: { 'response-item-count-widened': B } },
  { name: 'response maxItems added', service: 'vpcep', head: (d) => void (out(d, 'dns_names').maxItems = 3), expect: { 'response-item-count-narrowed': N } },
  { name: 'response maxProperties removed', service: 'vpcep', base: (d) => void (endpoint(d).maxProperties = 64), expect: { 'response-property-count-widened': B } },
  { name: 'response maxProperties added', service: 'vpcep', head: (d) => void (endpoint(d).maxProperties = 64), expect: { 'response-property-count-narrowed': N } },
  { name: 'response pattern removed', service: 'vpcep', base: (d) => void (out(d, 'id').pattern = '^[0-9a-f-]+$'), expect: { 'response-pattern-widened': B } },
  { name: 'response pattern added', service: 'vpcep', head: (d) => void (out(d, 'id').pattern = '^[0-9a-f-]+$'), expect: { 'response-pattern-narrowed': N } },
  { name: 'response pattern changed', service: 'vpcep', base: (d) => void (out(d, 'id').pattern = '^[0-9a-f-]+$'), head: (d) => void (out(d, 'id').pattern = '^[0-9a-z-]+$'), expect: { 'response-pattern-changed': B } },
  { name: 'response format removed', service: 'vpcep', head: (d) => void delete out(d, 'subnet_id').format, expect: { 'response-format-widened': B } },
  { name: 'response format added', service: 'vpcep', head: (d) => void (out(d, 'id').format = 'uuid'), expect: { 'response-format-narrowed': N } },
  { name: 'response format changed', service: 'vpcep', head: (d) => void (out(d, 'created_at').format = 'date'), expect: { 'response-format-changed': B } },
  { name: 'response items may repeat', service: 'vpcep', base: (d) => void (out(d, 'dns_names').uniqueItems = true), expect: { 'response-unique-items-widened': B } },
  { name: 'response items unique', service: 'vpcep', head: (d) => void (out(d, 'dns_names').uniqueItems = true), expect: { 'response-unique-items-narrowed': N } },
  { name: 'response object opened', service: 'vpcep', base: (d) => void (endpoint(d).additionalProperties = false), expect: { 'response-additional-properties-widened': N } },
  { name: 'response object closed', service: 'vpcep', head: (d) => void (endpoint(d).additionalProperties = false), expect: { 'response-additional-properties-narrowed': N } },
  { name: 'response variant added', service: 'vpcep', base: (d) => outVariants(d, 2), head: (d) => outVariants(d, 3), expect: { 'response-variants-widened': B } },
  { name: 'response variant removed', service: 'vpcep', base: (d) => outVariants(d, 3), head: (d) => outVariants(d, 2), expect: { 'response-variants-narrowed': N } },
  // Response: fields.
  { name: 'response field removed', service: 'vpcep', head: (d) => void delete endpoint(d).properties.ip, expect: { 'response-property-removed': B } },
  { name: 'response field made writeOnly', service: 'vpcep', head: (d) => void (out(d, 'ip').writeOnly = true), expect: { 'response-property-removed': B } },
  { name: 'response field added', service: 'vpcep', head: (d) => void (endpoint(d).properties.zone = { type: 'string', description: 'Zone.' }), expect: { 'response-property-added': N } },
  { name: 'response field made optional', service: 'vpcep', head: (d) => void (endpoint(d).required = endpoint(d).required.filter((n: string) => n !== 'created_at')), expect: { 'response-property-became-optional': B } },
  { name: 'response field made required', service: 'vpcep', head: (d) => void endpoint(d).required.push('ip'), expect: { 'response-property-became-required': N } },
  { name: 'response default changed', service: 'vpcep', head: (d) => void (out(d, 'enable_dns').default = false), expect: { 'response-default-changed': D } },
  // Statuses, content types and headers.
  { name: 'success status removed', service: 'vpcep', base: (d) => void (operation(d, 'UpdateEndpointService').responses['202'] = operation(d, 'UpdateEndpointService').responses['200']), expect: { 'response-success-status-removed': B } },
  { name: 'success status added', service: 'vpcep', head: (d) => void (operation(d, 'UpdateEndpointService').responses['202'] = operation(d, 'UpdateEndpointService').responses['200']), expect: { 'response-success-status-added': B } },
  { name: 'error status removed', service: 'vpcep', head: (d) => void delete operation(d, 'ListEndpoints').responses['501'], expect: { 'response-error-status-removed': N } },
  { name: 'error status added', service: 'vpcep', head: (d) => void (operation(d, 'ListEndpoints').responses['429'] = operation(d, 'ListEndpoints').responses['400']), expect: { 'response-error-status-added': N } },
  { name: 'response content type removed', service: 'vpcep', base: (d) => void (listOk(d).content = xmlToo(listOk(d).content)), expect: { 'response-media-type-removed': B } },
  { name: 'response content type added', service: 'vpcep', head: (d) => void (listOk(d).content = xmlToo(listOk(d).content)), expect: { 'response-media-type-added': N } },
  { name: 'response header removed', service: 'vpcep', head: (d) => void delete listOk(d).headers['X-Request-Id'], expect: { 'response-header-removed': B } },
  { name: 'response header added', service: 'vpcep', head: (d) => void (listOk(d).headers['X-Rate-Limit'] = { description: 'Calls left.', schema: { type: 'integer' } }), expect: { 'response-header-added': N } },
  { name: 'response header always sent', service: 'vpcep', head: (d) => void (d.components.headers['X-Request-Id'].required = true), expect: { 'response-header-became-required': N } },
  { name: 'response header may be missing', service: 'vpcep', base: (d) => void (d.components.headers['X-Request-Id'].required = true), expect: { 'response-header-became-optional': B } },
  // Operations and services.
  { name: 'operation removed', service: 'vpcep', head: (d) => void delete pathItemOf(d, 'ListEndpoints').item.get, expect: { 'operation-removed': B } },
  {
    name: 'operation added',
    service: 'vpcep',
    // A path and operationId the real spec does not have, so only the addition shows.
    head: (d) => void (d.paths['/v1/{project_id}/vpc-endpoints-copy'] = { get: { ...operation(d, 'ListEndpoints'), operationId: 'ListEndpointsCopy', parameters: [] } }),
    expect: { 'operation-added': N },
  },
  { name: "APIG's CreateVpcChannelV2 renamed", service: 'apig', head: (d) => void (operation(d, 'CreateVpcChannelV2').operationId = 'CreateVpcChannel'), expect: { 'operation-id-changed': B } },
  {
    name: 'operation moved to another path',
    service: 'vpcep',
    head: (d) => {
      const { path } = pathItemOf(d, 'ListEndpoints');
      d.paths[path.replace('/v1/', '/v2/')] = d.paths[path];
      delete d.paths[path];
    },
    expect: { 'operation-path-changed': B },
  },
  { name: 'pagination helper removed', service: 'vpcep', head: (d) => void delete operation(d, 'ListEndpoints')['x-pagination'], expect: { 'pagination-removed': B } },
  { name: 'pagination helper added', service: 'vpcep', base: (d) => void delete operation(d, 'ListEndpoints')['x-pagination'], expect: { 'pagination-added': N } },
  { name: 'pagination reads another items field', service: 'vpcep', head: (d) => void (operation(d, 'ListEndpoints')['x-pagination'].items = 'items'), expect: { 'pagination-changed': B } },
  { name: 'operation deprecated', service: 'vpcep', head: (d) => void (operation(d, 'ListEndpoints').deprecated = true), expect: { deprecated: N } },
  { name: 'service removed', service: 'cce', head: () => null, expect: { 'service-removed': B } },
  { name: 'service added', service: 'cce', base: () => null, expect: { 'service-added': N } },
  {
    name: 'named schema renamed',
    service: 'vpcep',
    head: (d) => {
      d.components.schemas.ResourceTag = d.components.schemas.TagList;
      delete d.components.schemas.TagList;
      const text = JSON.stringify(d).replaceAll('"#/components/schemas/TagList"', '"#/components/schemas/ResourceTag"');
      Object.assign(d, JSON.parse(text));
    },
    expect: { 'component-schema-removed': B, 'component-schema-added': N },
  },
  { name: 'named schema added', service: 'vpcep', head: (d) => void (d.components.schemas.Quota = { type: 'object', description: 'A quota.' }), expect: { 'component-schema-added': N } },
  // Authentication and servers.
  { name: 'AK/SK no longer accepted', service: 'vpcep', head: (d) => void (d.security = [{ iamToken: [] }]), expect: { 'security-requirement-removed': B } },
  { name: 'token and AK/SK together accepted too', service: 'vpcep', head: (d) => void d.security.push({ iamToken: [], akskSignature: [] }), expect: { 'security-requirement-added': N } },
  { name: 'token header renamed', service: 'vpcep', head: (d) => void (d.components.securitySchemes.iamToken.name = 'X-Token'), expect: { 'security-scheme-changed': B } },
  { name: 'server removed', service: 'apig', head: (d) => void d.servers.pop(), expect: { 'server-removed': B } },
  { name: 'server added', service: 'apig', head: (d) => void d.servers.push({ url: 'https://apig.example.huaweicloud.com', description: 'Another endpoint.' }), expect: { 'server-added': N } },
  { name: 'region removed', service: 'vpcep', head: (d) => void d.servers[0].variables.region.enum.pop(), expect: { 'server-variable-narrowed': B } },
  { name: 'region added', service: 'vpcep', head: (d) => void d.servers[0].variables.region.enum.push('xx-test-1'), expect: { 'server-variable-widened': N } },
  { name: 'default region changed', service: 'vpcep', head: (d) => void (d.servers[0].variables.region.default = d.servers[0].variables.region.enum[1]), expect: { 'server-default-changed': B } },
  { name: 'schema dialect changed', service: 'cce', head: (d) => void (d.jsonSchemaDialect = 'https://json-schema.org/draft/2019-09/schema'), expect: { 'dialect-changed': B } },
  // Keywords the comparison does not model in detail.
  { name: 'discriminator added', service: 'vpcep', head: (d) => void (body(d).discriminator = { propertyName: 'tcp_proxy' }), expect: { 'discriminator-changed': B } },
  { name: '`not` added to a request field', service: 'vpcep', head: (d) => void (field(d, 'ip').not = { const: '' }), expect: { 'schema-keyword-changed': B } },
  // Documentation only.
  { name: 'operation description changed', service: 'vpcep', head: (d) => void (operation(d, 'ListEndpoints').description += ' More text.'), expect: { 'description-changed': D } },
  { name: 'field description changed', service: 'cce', head: (d) => void (d.components.schemas.ObjectMeta.properties.name.description = 'The name.'), expect: { 'description-changed': D } },
  { name: 'named example changed', service: 'vpcep', head: (d) => void (d.components.examples[Object.keys(d.components.examples)[0]!].summary = 'Another summary.'), expect: { 'example-changed': D } },
  { name: 'schema example added', service: 'vpcep', head: (d) => void (out(d, 'id').examples = ['4189d3c2-8882-4871-a3c2-d380272eed83']), expect: { 'example-changed': D } },
  { name: 'source note changed', service: 'vpcep', head: (d) => void (operation(d, 'ListEndpoints')['x-source-document'] = 'other.txt'), expect: { 'extension-changed': D } },
  { name: 'info version and tag text changed', service: 'vpcep', head: (d) => { d.info.version = '9.9.9'; d.tags[0].description = 'Other.'; }, expect: { 'metadata-changed': D } },
  // Refactors that change nothing for anyone.
  { name: 'nullable written as anyOf with null', service: 'vpcep', base: (d) => void (field(d, 'ip').type = ['string', 'null']), head: (d) => { const f = field(d, 'ip'); delete f.type; f.anyOf = [{ type: 'string' }, { type: 'null' }]; }, expect: {} },
  {
    name: 'request body split into allOf parts',
    service: 'vpcep',
    head: (d) => {
      const s = body(d);
      const { ip, ...rest } = s.properties;
      s.allOf = [{ type: 'object', properties: rest }, { type: 'object', properties: { ip } }];
      delete s.properties;
    },
    expect: {},
  },
  { name: 'default serialisation written out', service: 'vpcep', head: (d) => void Object.assign(limit(d), { style: 'form', explode: true }), expect: {} },
  {
    name: 'named schema inlined',
    service: 'vpcep',
    head: (d) => void (field(d, 'ports').items = structuredClone(deref(d, field(d, 'ports').items))),
    expect: {},
  },
];
