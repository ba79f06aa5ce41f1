import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ApigError,
  CceError,
  ConfigurationError,
  RequestValidationError,
  TimeoutError,
  VpcepError,
  errorFromResponse,
  scrubSecrets,
} from '../../src/runtime/errors.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}, statusText = '') =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText, headers });

const vpcepReq = {
  method: 'POST',
  url: 'https://vpcep.cn-north-4.myhuaweicloud.com/v1/p1/vpc-endpoint-services?limit=10&Signature=abc',
};

describe('errorFromResponse', () => {
  it('parses VPCEP {error:{code,message}}', async () => {
    const e = await errorFromResponse(
      'vpcep',
      json(404, { error: { code: 'EndPoint.0005', message: 'Endpoint service not found' } }, { 'X-Request-Id': 'r-1' }),
      vpcepReq,
    );
    expect(e).toBeInstanceOf(VpcepError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      service: 'vpcep',
      status: 404,
      code: 'EndPoint.0005',
      errorMessage: 'Endpoint service not found',
      requestId: 'r-1',
      method: 'POST',
      path: '/v1/p1/vpc-endpoint-services',
    });
    expect(e.message).toBe(
      'VPCEP 404 EndPoint.0005: Endpoint service not found (POST /v1/p1/vpc-endpoint-services, request id r-1)',
    );
    expect(e.message).not.toContain('limit=');
  });

  it('parses VPCEP {error_code,error_msg} via the class factory', async () => {
    const e = await VpcepError.fromResponse(
      json(400, { error_code: 'EndPoint.0001', error_msg: 'bad' }, { 'X-Openstack-Request-Id': 'req-2' }),
      vpcepReq,
    );
    expect(e).toBeInstanceOf(VpcepError);
    expect([e.code, e.errorMessage, e.requestId]).toEqual(['EndPoint.0001', 'bad', 'req-2']);
  });

  it('parses APIG {error_code,error_msg,request_id}', async () => {
    const e = await ApigError.fromResponse(
      json(401, { error_code: 'APIG.1002', error_msg: 'Incorrect token', request_id: 'abc123' }),
      { method: 'GET', url: 'https://apig.example.com/v2/p/apigw/instances' },
    );
    expect(e).toBeInstanceOf(ApigError);
    expect(e.message).toBe('APIG 401 APIG.1002: Incorrect token (GET /v2/p/apigw/instances, request id abc123)');
  });

  it('parses a Kubernetes Status (reason becomes code) and Audit-Id', async () => {
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'endpoints "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'endpoints' },
      code: 404,
    };
    const e = await CceError.fromResponse(json(404, status, { 'Audit-Id': 'aud-9' }), {
      method: 'GET',
      url: 'https://c1.cce.example.com:5443/api/v1/namespaces/default/endpoints/x',
    });
    expect(e).toBeInstanceOf(CceError);
    expect([e.code, e.errorMessage, e.requestId]).toEqual(['NotFound', 'endpoints "x" not found', 'aud-9']);
  });

  it.each([
    ['empty', ''],
    ['non-JSON', '<html>Bad Gateway</html>'],
    ['truncated JSON', '{"error_code":"APIG.0'],
    ['JSON array', '[1,2]'],
  ])('handles a %s body', async (_label, body) => {
    const e = await errorFromResponse('apig', json(502, body, {}, 'Bad Gateway'), { method: 'GET', url: 'https://h/x' });
    expect(e.code).toBeUndefined();
    expect(e.errorMessage).toBe('Bad Gateway');
    expect(e.body).toBe(body);
    expect(e.message).toBe('APIG 502: Bad Gateway (GET /x)');
  });

  it('falls back to "HTTP <status>" without a status text', async () => {
    const e = await errorFromResponse('cce', new Response(null, { status: 500 }), { method: 'GET', url: 'https://h/y' });
    expect(e.errorMessage).toBe('HTTP 500');
  });

  it('truncates a huge body and stops reading it', async () => {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new TextEncoder().encode('x'.repeat(16 * 1024)));
      },
      cancel() {
        cancelled = true;
      },
    });
    const e = await errorFromResponse('vpcep', new Response(stream, { status: 500 }), vpcepReq);
    expect(e.body.length).toBeLessThan(5000);
    expect(e.body.endsWith('…[truncated]')).toBe(true);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it('leaks no token, secret key, header or query string', async () => {
    const token = 'MIIDvgYJKoZIhvcNAQcCoIIDrzCCA6sCAQExDTALBglghkgBZQMEAgEwggE2BgkqhkiG9w0BBwGgggEnBIIBI3sidG9rZW4iOnsi';
    const sk = 'Qx9Zk2LmW8pR4vT6yN1bC3dF5gH7jK0aS2eU4iO6';
    const ak = 'HPUAJ2KZQ4XWM7RTBN3E';
    const body = JSON.stringify({
      error_code: 'APIG.0301',
      error_msg: `Incorrect IAM authentication information: X-Auth-Token: ${token}, sk=${sk}`,
      echo: `Authorization: SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=host;x-sdk-date, Signature=deadbeef01`,
      request: { headers: { 'X-Auth-Token': token, secret_key: sk } },
    });
    const e = await errorFromResponse('apig', json(401, body), {
      method: 'GET',
      url: `https://apig.example.com/v2/p/apigw/instances?X-Auth-Token=${token}&sk=${sk}`,
    });
    const views = [e.message, JSON.stringify(e), inspect(e, { depth: 10 }), inspect(e.toJSON()), ...Object.values(e)];
    for (const v of views.map(String)) {
      expect(v).not.toContain(token.slice(0, 30));
      expect(v).not.toContain(sk);
      expect(v).not.toContain(ak);
      expect(v).not.toContain('deadbeef01');
    }
    expect(e.code).toBe('APIG.0301');
    expect(e.body).toContain('[REDACTED]');
    expect(e.errorMessage).toContain('Incorrect IAM authentication information');
  });

  it('scrubs caller-supplied secrets of any shape', async () => {
    const e = await errorFromResponse('vpcep', json(400, { error: { code: 'X', message: 'pw is hunter2!' } }), {
      ...vpcepReq,
      secrets: ['hunter2!'],
    });
    expect(JSON.stringify(e)).not.toContain('hunter2');
  });
});

describe('scrubSecrets', () => {
  it('keeps ordinary text', () => {
    const t = 'Endpoint service 6f2b1a5c-0d3e-4b7a-9c1d-2e3f4a5b6c7d not found, limit 1000';
    expect(scrubSecrets(t)).toBe(t);
  });
  it('redacts quoted JSON values and bearer tokens', () => {
    expect(scrubSecrets('{"password": "a b c", "x": 1} Bearer abc.def')).toBe(
      '{"password": "[REDACTED]", "x": 1} Bearer [REDACTED]',
    );
  });
});

describe('other errors', () => {
  it('RequestValidationError lists every issue', () => {
    const e = new RequestValidationError('CreateEndpoint', [
      { path: '/body/vpc_id', rule: 'required', message: 'vpc_id is required' },
      { path: '/query/limit', rule: 'maximum', message: 'must be <= 1000' },
    ]);
    expect(e.name).toBe('RequestValidationError');
    expect(e.operationId).toBe('CreateEndpoint');
    expect(e.issues).toHaveLength(2);
    expect(e.message).toContain('/body/vpc_id: required (vpc_id is required)');
    expect(e.message).toContain('/query/limit: maximum (must be <= 1000)');
  });

  it('TimeoutError and ConfigurationError are named Errors', () => {
    expect(new TimeoutError('t')).toBeInstanceOf(Error);
    expect(new TimeoutError('t').name).toBe('TimeoutError');
    expect(new ConfigurationError('c').name).toBe('ConfigurationError');
  });
});
