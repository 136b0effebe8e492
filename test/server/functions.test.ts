import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/definition/settings.ts';
import { definition, expectError, expectOk, serve } from './serve-harness.ts';

// Whole definitions: POST/GET/DELETE of one and of all functions, import and export
// (spec §2.5–2.8, 8.x shapes).

const INVALID = { http: 400, name: 'ERR_INVALID_REQUEST', code: 63 };

const withCurl = () =>
  definition('api', {
    depcfg: {
      source_bucket: 'src',
      metadata_bucket: 'meta',
      curl: [
        {
          hostname: 'https://example.com/api',
          value: 'api',
          auth_type: 'basic',
          username: 'u',
          password: 'secret',
          bearer_key: '',
          allow_cookies: true,
          validate_ssl_certificate: true,
        },
      ],
    },
  });

describe('POST and GET /api/v1/functions/{name}', () => {
  it('stores a function and answers its definition in the 8.x shape', async () => {
    const h = await serve();
    expect(
      expectOk(await h.call('POST', '/api/v1/functions/fn1', { body: definition('fn1') })),
    ).toEqual({ code: 0, info: 'Successfully stored' });
    const got = expectOk(await h.call('GET', '/api/v1/functions/fn1')) as Record<string, unknown>;
    expect(Object.keys(got)).toEqual([
      'appname',
      'appcode',
      'depcfg',
      'version',
      'enforce_schema',
      'handleruuid',
      'function_instance_id',
      'function_scope',
      'settings',
    ]);
    expect(got).toMatchObject({
      appname: 'fn1',
      version: 'evt-7.0.0-0000-ee',
      enforce_schema: false,
      function_scope: { bucket: '*', scope: '*' },
      depcfg: {
        source_bucket: 'src',
        source_scope: '_default',
        source_collection: '_default',
        buckets: [{ alias: 'dst', bucket_name: 'dst', scope_name: '_default', access: 'rw' }],
      },
      settings: { ...DEFAULT_SETTINGS },
    });
    expect(got.depcfg).not.toHaveProperty('curl');
    expect(got.depcfg).not.toHaveProperty('constants');
    expect(typeof got.handleruuid).toBe('number');
    expect(got.function_instance_id).toMatch(new RegExp(`^${got.handleruuid}-`));
  });

  it('accepts a one-element array (the export format) and refuses more than one', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/fn1', { body: [definition('fn1')] }));
    expectError(
      await h.call('POST', '/api/v1/functions/fn1', {
        body: [definition('fn1'), definition('fn2')],
      }),
      { ...INVALID, description: 'Only one function can be created/updated at a time' },
    );
  });

  it('takes the name from the body unless the query names a location, as 8.x does', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/other', { body: definition('fn1') }));
    expectOk(await h.call('GET', '/api/v1/functions/fn1'));
    expectOk(
      await h.call('POST', '/api/v1/functions/fn2?bucket=&scope=', { body: definition('x') }),
    );
    expect(
      (expectOk(await h.call('GET', '/api/v1/functions/fn2')) as { appname: string }).appname,
    ).toBe('fn2');
    expectError(await h.call('GET', '/api/v1/functions/x'), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
    });
  });

  it('creates and deploys in one call when both status flags are true', async () => {
    const h = await serve();
    const body = definition('fn1', {
      settings: { deployment_status: true, processing_status: true },
    });
    expectOk(await h.call('POST', '/api/v1/functions/fn1', { body }));
    await h.waitFor('fn1', 'deployed');
  });

  it('refuses a new function asked to be paused, and a processing-but-undeployed one', async () => {
    const h = await serve();
    expectError(
      await h.call('POST', '/api/v1/functions/fn1', {
        body: definition('fn1', {
          settings: { deployment_status: true, processing_status: false },
        }),
      }),
      { ...INVALID, description: 'state transition not possible' },
    );
    expectError(
      await h.call('POST', '/api/v1/functions/fn1', {
        body: definition('fn1', {
          settings: { deployment_status: false, processing_status: true },
        }),
      }),
      { ...INVALID, description: 'Invalid deployment and processing status' },
    );
  });

  it('validates names with the server message', async () => {
    const h = await serve();
    const rule =
      'Function name can only start with characters in range A-Z, a-z, 0-9 and can only contain characters in range A-Z, a-z, 0-9, underscore and hyphen';
    expectError(await h.call('POST', '/api/v1/functions/x', { body: definition('_bad') }), {
      ...INVALID,
      description: rule,
    });
    expectError(
      await h.call('POST', '/api/v1/functions/..%2Fetc?bucket=&scope=', { body: definition('x') }),
      { ...INVALID, description: rule },
    );
    expectError(
      await h.call('POST', `/api/v1/functions/${'a'.repeat(101)}?bucket=&scope=`, {
        body: definition('x'),
      }),
      { ...INVALID, description: 'Function name length must be less than 100' },
    );
  });

  it('reports every definition problem at once, settings in the 8.x wording', async () => {
    const h = await serve();
    const body = definition('fn1', {
      depcfg: { metadata_bucket: 'meta' },
      settings: { worker_count: 0 },
    });
    expectError(await h.call('POST', '/api/v1/functions/fn1', { body }), {
      ...INVALID,
      description:
        'depcfg.source_bucket: is required; worker_count value should be greater than or equal to 1',
    });
  });

  it('answers a compile error with 422 ERR_HANDLER_COMPILATION and the compile status', async () => {
    const h = await serve();
    const body = definition('fn1', { appcode: 'function OnUpdate(doc, meta) {\n  var x = ;\n}\n' });
    expectError(await h.call('POST', '/api/v1/functions/fn1', { body }), {
      http: 422,
      name: 'ERR_HANDLER_COMPILATION',
      code: 27,
      description: {
        area: 'handlerCode',
        column_number: 11,
        compile_success: false,
        description: "SyntaxError: Unexpected token ';'",
        index: 41,
        language: 'JavaScript',
        line_number: 2,
      },
    });
    expectError(await h.call('GET', '/api/v1/functions/fn1'), {
      http: 404,
      name: 'ERR_APP_NOT_FOUND_TS',
      code: 13,
    });
  });

  it('refuses code larger than the function_size of /api/v1/config with ERR_APPCODE_SIZE', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/config', { body: { function_size: 100 } }));
    const appcode = `function OnUpdate(doc, meta) {}\n${'//'.padEnd(100, 'x')}\n`;
    expectError(
      await h.call('POST', '/api/v1/functions/fn1', { body: definition('fn1', { appcode }) }),
      {
        http: 400,
        name: 'ERR_APPCODE_SIZE',
        code: 39,
        description: `Function: fn1 handler Code size is more than 100. Code Size: ${appcode.length}`,
      },
    );
  });

  it('masks curl secrets and puts them back when the same binding comes back masked', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/api', { body: withCurl() }));
    const got = expectOk(await h.call('GET', '/api/v1/functions/api')) as {
      depcfg: { curl: Array<Record<string, unknown>> };
    };
    expect(got.depcfg.curl[0]).toMatchObject({ username: 'u', password: '*****', bearer_key: '' });
    expectOk(await h.call('POST', '/api/v1/functions/api', { body: got }));
    const { service } = h.running;
    const record = service.find({ bucket: '*', scope: '*', name: 'api' });
    expect(record?.definition.depcfg.curl[0]?.password).toBe('secret');
  });

  it('answers a malformed body with ERR_INVALID_REQUEST', async () => {
    const h = await serve();
    const answer = await h.call('POST', '/api/v1/functions/fn1', { body: '{"appname": ' });
    expectError(answer, INVALID);
    expect((answer.json() as { description: string }).description).toMatch(/^Invalid JSON/);
  });
});
