import { describe, expect, it } from 'vitest';
import { normaliseBaseUrl, resolveBaseUrl, type ServerTemplate } from '../../src/runtime/endpoints.js';
import { ConfigurationError } from '../../src/runtime/errors.js';

const vpcep: ServerTemplate = {
  url: 'https://vpcep.{region}.myhuaweicloud.com/',
  variables: {
    region: { default: 'cn-north-4', enum: ['cn-north-4', 'cn-east-3', 'ap-southeast-1', 'la-south-2', 'eu-west-101', 'af-south-1'] },
  },
};
const cce: ServerTemplate = {
  url: 'https://{cluster_id}.cce.{region}.myhuaweicloud.com:5443',
  variables: { cluster_id: { default: '' }, region: { default: 'cn-north-4' } },
};

function errorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('resolveBaseUrl', () => {
  it('fills values and defaults and strips the trailing slash', () => {
    expect(resolveBaseUrl(vpcep, {}, 'vpcep')).toBe('https://vpcep.cn-north-4.myhuaweicloud.com');
    expect(resolveBaseUrl(vpcep, { region: 'ap-southeast-1' }, 'vpcep')).toBe(
      'https://vpcep.ap-southeast-1.myhuaweicloud.com',
    );
    expect(resolveBaseUrl(cce, { cluster_id: '6f2b1a5c-0d3e-4b7a-9c1d-2e3f4a5b6c7d', region: undefined }, 'cce')).toBe(
      'https://6f2b1a5c-0d3e-4b7a-9c1d-2e3f4a5b6c7d.cce.cn-north-4.myhuaweicloud.com:5443',
    );
  });

  it('rejects a value outside the enum, naming the variable and some valid values', () => {
    const e = errorOf(() => resolveBaseUrl(vpcep, { region: 'cn-north-9' }, 'vpcep'));
    expect(e.message).toContain('region');
    expect(e.message).toContain('"cn-north-9"');
    expect(e.message).toContain('cn-north-4, cn-east-3');
    expect(e.message).toContain('…');
  });

  it.each([
    ['region', { cluster_id: 'abc', region: 'CN-NORTH-4' }],
    ['region', { cluster_id: 'abc', region: 'cn-north-4.evil.com' }],
    ['cluster_id', { cluster_id: 'evil.com/x?', region: 'cn-north-4' }],
    ['cluster_id', { cluster_id: '-abc', region: 'cn-north-4' }],
  ])('rejects a malformed %s', (name, values) => {
    const e = errorOf(() => resolveBaseUrl(cce, values, 'cce'));
    expect(e.message).toContain(`malformed ${name}`);
  });

  it('rejects unsafe values of other variables', () => {
    const t: ServerTemplate = { url: 'https://{host}/api', variables: { host: { default: 'a' } } };
    expect(resolveBaseUrl(t, { host: 'a.example.com' }, 'x')).toBe('https://a.example.com/api');
    errorOf(() => resolveBaseUrl(t, { host: 'user@evil.com' }, 'x'));
  });

  it('rejects a missing required value', () => {
    const e = errorOf(() => resolveBaseUrl(cce, {}, 'cce'));
    expect(e.message).toBe('cce: server variable "cluster_id" is required');
  });
});

describe('normaliseBaseUrl', () => {
  it('strips trailing slashes', () => {
    expect(normaliseBaseUrl('https://h.example.com/')).toBe('https://h.example.com');
    expect(normaliseBaseUrl('http://127.0.0.1:8080/mock//')).toBe('http://127.0.0.1:8080/mock');
  });

  it.each(['not a url', 'ftp://h.example.com', 'file:///etc/passwd', 'https://u:p@h.example.com', 'https://h/?q=1'])(
    'rejects %s',
    (u) => {
      const e = errorOf(() => normaliseBaseUrl(u));
      expect(e.message).not.toContain('u:p');
    },
  );
});
