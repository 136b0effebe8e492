import { describe, expect, it } from 'vitest';
import {
  definition,
  docPath,
  expectError,
  expectOk,
  expectStored,
  heldTransitions,
  serve,
} from './serve-harness.ts';

// GET /api/v1/status[/{name}], /getAppLog and /api/v1/list/functions (spec §2.12–2.14).

const NOT_FOUND = { http: 404, name: 'ERR_APP_NOT_FOUND_TS', code: 13 };

describe('GET /api/v1/status', () => {
  it('answers apps: [] and one eventing node when there is no function (8.x)', async () => {
    const h = await serve();
    expect(expectOk(await h.call('GET', '/api/v1/status'))).toEqual({
      apps: [],
      num_eventing_nodes: 1,
    });
  });

  it('lists every function with the fields the SDKs require, intent flags included', async () => {
    const transitions = heldTransitions();
    const h = await serve({ transitions });
    expectOk(
      await h.call('POST', '/api/v1/functions', { body: [definition('a'), definition('b')] }),
    );
    expectOk(await h.call('POST', '/api/v1/functions/b/deploy'));
    expect(expectOk(await h.call('GET', '/api/v1/status'))).toEqual({
      apps: [
        {
          composite_status: 'undeployed',
          name: 'a',
          function_scope: { bucket: '*', scope: '*' },
          num_bootstrapping_nodes: 0,
          num_deployed_nodes: 1,
          deployment_status: false,
          processing_status: false,
          redeploy_required: false,
        },
        expect.objectContaining({
          composite_status: 'deploying',
          name: 'b',
          deployment_status: true,
          processing_status: true,
        }),
      ],
      num_eventing_nodes: 1,
    });
    const only = expectOk(await h.call('GET', '/api/v1/status?appNames=b')) as {
      apps: Array<{ name: string }>;
    };
    expect(only.apps.map((app) => app.name)).toEqual(['b']);
  });

  it('answers one function as {app, num_eventing_nodes}, 404 when unknown, 405 for POST', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/a', { body: definition('a') }));
    expect(expectOk(await h.call('GET', '/api/v1/status/a/'))).toMatchObject({
      app: { name: 'a', composite_status: 'undeployed' },
      num_eventing_nodes: 1,
    });
    expectError(await h.call('GET', '/api/v1/status/zz'), {
      ...NOT_FOUND,
      description: 'Function: zz not found',
    });
    expectError(await h.call('POST', '/api/v1/status/a'), {
      http: 405,
      name: 'ERR_METHOD_NOT_ALLOWED',
      code: 62,
      description: 'Method not allowed. Only GET is allowed',
    });
  });

  it('shows a deploy in real time: deploying for --transition-ms, then deployed', async () => {
    const h = await serve({ transitionMs: 20 });
    expectOk(await h.call('POST', '/api/v1/functions/a', { body: definition('a') }));
    expectOk(await h.call('POST', '/api/v1/functions/a/deploy'));
    const first = expectOk(await h.call('GET', '/api/v1/status/a')) as {
      app: { composite_status: string };
    };
    expect(['deploying', 'deployed']).toContain(first.app.composite_status);
    await h.waitFor('a', 'deployed');
  });
});

describe('GET /getAppLog', () => {
  async function logged(lines: number) {
    const h = await serve();
    const body = definition('a', {
      settings: { deployment_status: true, processing_status: true },
    });
    expectOk(await h.call('POST', '/api/v1/functions/a', { body }));
    await h.waitFor('a', 'deployed');
    for (let i = 0; i < lines; i++) {
      expectStored(await h.call('PUT', docPath('src', `k${i}`), { body: { i } }));
    }
    return h;
  }

  it('answers the newest lines first, as text/plain', async () => {
    const h = await logged(3);
    const answer = await h.call('GET', '/getAppLog?name=a');
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.headers.status).toBe('0');
    const lines = answer.text.split('\n');
    expect(lines.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      '[INFO] "saw" "k2" ',
      '[INFO] "saw" "k1" ',
      '[INFO] "saw" "k0" ',
    ]);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d \[INFO\]/);
  });

  it('keeps to about size bytes of whole lines; appName and aggregate work too', async () => {
    const h = await logged(3);
    const full = (await h.call('GET', '/getAppLog?appName=a&aggregate=true')).text;
    const firstLine = full.split('\n')[0] as string;
    const one = await h.call('GET', `/getAppLog?name=a&size=${firstLine.length + 1}`);
    expect(one.text).toBe(firstLine);
    const garbage = await h.call('GET', '/getAppLog?name=a&size=lots');
    expect(garbage.text).toBe(full);
  });

  it("reads size as a decimal integer, as Go's strconv.Atoi does, else takes the default", async () => {
    const h = await logged(3);
    const full = (await h.call('GET', '/getAppLog?name=a')).text;
    for (const size of ['1e400', '1.5', '0x10', '99999999999999999999', '%205', '5&size=6']) {
      expect((await h.call('GET', `/getAppLog?name=a&size=${size}`)).text).toBe(full);
    }
    for (const size of ['0', '-5', '-99999999999999999999']) {
      const answer = await h.call('GET', `/getAppLog?name=a&size=${size}`);
      expect({ status: answer.status, text: answer.text }).toEqual({
        status: 200,
        text: size === '-99999999999999999999' ? full : '',
      });
    }
    expect((await h.call('GET', '/getAppLog?name=a&size=%2B9223372036854775807')).text).toBe(full);
  });

  it('answers 404 for an unknown or missing name, and an empty log for an idle function', async () => {
    const h = await serve();
    expectError(await h.call('GET', '/getAppLog?name=zz'), {
      ...NOT_FOUND,
      description: 'Function: zz not found',
    });
    expectError(await h.call('GET', '/getAppLog'), {
      ...NOT_FOUND,
      description: 'Function:  not found',
    });
    expectOk(await h.call('POST', '/api/v1/functions/a', { body: definition('a') }));
    expect((await h.call('GET', '/getAppLog?name=a')).text).toBe('');
  });
});

describe('GET /api/v1/list/functions', () => {
  async function mixed() {
    const transitions = heldTransitions();
    const h = await serve({ transitions });
    const sbm = definition('sbm', {
      depcfg: {
        source_bucket: 'src',
        metadata_bucket: 'meta',
        buckets: [{ alias: 'self', bucket_name: 'src', access: 'rw' }],
      },
    });
    const other = definition('other', {
      depcfg: {
        source_bucket: 'orders',
        source_scope: 's',
        source_collection: 'c',
        metadata_bucket: 'meta',
      },
    });
    expectOk(
      await h.call('POST', '/api/v1/functions', { body: [definition('plain'), sbm, other] }),
    );
    expectOk(await h.call('POST', '/api/v1/functions/sbm/deploy'));
    await transitions.release();
    expectOk(await h.call('POST', '/api/v1/functions/sbm/pause'));
    await transitions.release();
    return h;
  }

  const list = async (h: Awaited<ReturnType<typeof mixed>>, query: string) =>
    (expectOk(await h.call('GET', `/api/v1/list/functions${query}`)) as { functions: string[] })
      .functions;

  it('lists every function without filters, and filters on deployed (paused counts)', async () => {
    const h = await mixed();
    expect(await list(h, '')).toEqual(['other', 'plain', 'sbm']);
    expect(await list(h, '/query?deployed=true')).toEqual(['sbm']);
    expect(await list(h, '/query?deployed=false')).toEqual(['other', 'plain']);
  });

  it('filters on the source bucket (any scope under it) and on function_type', async () => {
    const h = await mixed();
    expect(await list(h, '/query?source_bucket=orders')).toEqual(['other']);
    expect(await list(h, '/query?source_bucket=orders&source_scope=x')).toEqual([]);
    expect(await list(h, '/query?function_type=sbm')).toEqual(['sbm']);
    expect(await list(h, '/query?function_type=notsbm')).toEqual(['other', 'plain']);
    expect(await list(h, '/query?unknown_key=1')).toEqual(['other', 'plain', 'sbm']);
  });

  it('refuses bad filter values with the server messages', async () => {
    const h = await mixed();
    expectError(await h.call('GET', '/api/v1/list/functions/query?deployed=maybe'), {
      http: 400,
      name: 'ERR_INVALID_REQUEST',
      code: 63,
      description: 'invalid deployment status, supported deployment status are: true, false',
    });
    expectError(await h.call('GET', '/api/v1/list/functions/query?function_type=x'), {
      http: 400,
      name: 'ERR_INVALID_REQUEST',
      code: 63,
      description: 'invalid function type, supported function types are: sbm, notsbm',
    });
  });
});
