// Types users can name and read: each schema under its own name, free-form objects open,
// "one of these fields is required" rules without `never` unions.
import { describe, expectTypeOf, it } from 'vitest';
import type * as Vpcep from '../../generated/vpcep/index.js';
import type * as Cce from '../../generated/cce/index.js';
import type * as Apig from '../../generated/apig/index.js';

describe('schemas by name', () => {
  it('exports every schema of a service under its own name', () => {
    expectTypeOf<Vpcep.EndpointResp>().toEqualTypeOf<Vpcep.components['schemas']['EndpointResp']>();
    expectTypeOf<Vpcep.ListEndpointsResponseBody>().toEqualTypeOf<Vpcep.components['schemas']['ListEndpointsResponseBody']>();
    expectTypeOf<Cce.ObjectMetaInput>().toEqualTypeOf<Cce.components['schemas']['ObjectMetaInput']>();
    expectTypeOf<Cce.Status>().toEqualTypeOf<Cce.components['schemas']['Status']>();
    expectTypeOf<Apig.components['schemas'][keyof Apig.components['schemas']]>().not.toBeNever();
  });
});

describe('free-form objects', () => {
  it('VPCEP policy_document and CCE fieldsV1 take any keys and values', () => {
    expectTypeOf<NonNullable<Vpcep.EndpointResp['policy_document']>>().toEqualTypeOf<Record<string, unknown>>();
    type Managed = NonNullable<Cce.ObjectMetaInput['managedFields']>[number];
    expectTypeOf<NonNullable<Managed['fieldsV1']>>().toEqualTypeOf<Record<string, unknown>>();
    const fields: NonNullable<Managed['fieldsV1']> = { 'f:metadata': { 'f:labels': {} } };
    void fields;
  });
});

describe('required-one-of rules', () => {
  it('CCE metadata is one object type, not a union with Record<string, never>', () => {
    expectTypeOf<Cce.ObjectMetaInput>().not.toBeNever();
    expectTypeOf<Cce.ObjectMetaInput['name']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Cce.ObjectMetaInput['generateName']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ name: 'db' }>().toExtend<Cce.ObjectMetaInput>();
    expectTypeOf<{ generateName: 'db-' }>().toExtend<Cce.ObjectMetaInput>();
    // @ts-expect-error misspelt field
    const typo: Cce.ObjectMetaInput = { nmae: 'db' };
    void typo;
  });
});
