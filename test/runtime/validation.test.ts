// Ajv errors become readable `path: rule (message)` issues.
import { describe, expect, it } from 'vitest';
import { validate, type AjvError, type ValidateFunction } from '../../src/runtime/validation.js';

const failing = (errors: AjvError[]): ValidateFunction => Object.assign(() => false, { errors });

describe('validate', () => {
  it('writes array positions as [n] and object keys, even numeric ones, as .key', () => {
    const data = { body: { ports: [{ client_port: 0 }], metadata: { labels: { '2': 5 } } } };
    const issues = validate(
      failing([
        { instancePath: '/body/ports/0/client_port', keyword: 'minimum', message: 'must be >= 1', params: {} },
        { instancePath: '/body/metadata/labels/2', keyword: 'type', message: 'must be string', params: {} },
      ]),
      data,
    );
    expect(issues.map((i) => i.path)).toEqual(['body.ports[0].client_port', 'body.metadata.labels.2']);
  });

  it('names the missing or undeclared field and lists allowed values', () => {
    const issues = validate(
      failing([
        { instancePath: '/body', keyword: 'required', message: "must have required property 'vpc_id'", params: { missingProperty: 'vpc_id' } },
        { instancePath: '/body', keyword: 'additionalProperties', message: 'must NOT have additional properties', params: { additionalProperty: 'vpcid' } },
        { instancePath: '/query/sort_dir', keyword: 'enum', message: 'must be equal to one of the allowed values', params: { allowedValues: ['asc', 'desc'] } },
      ]),
      { body: {}, query: { sort_dir: 'up' } },
    );
    expect(issues).toEqual([
      { path: 'body.vpc_id', rule: 'required', message: "must have required property 'vpc_id'" },
      { path: 'body.vpcid', rule: 'additionalProperties', message: 'is not a documented field' },
      { path: 'query.sort_dir', rule: 'enum', message: 'must be equal to one of the allowed values: asc, desc' },
    ]);
  });

  it('returns nothing for valid data', () => {
    expect(validate(Object.assign(() => true, { errors: null }), {})).toEqual([]);
  });
});
