import { describe, expect, it } from 'vitest';
import { mockCluster as cluster, refusal } from './mock-cluster.ts';

// What the client puts on the wire (credentials, escaping, scope query, path prefix) and when
// it retries, against an undici MockAgent.

describe('requests', () => {
  it('sends Basic credentials, escapes names, adds the scope query and keeps a path prefix', async () => {
    const { pool, client } = cluster('/_p/event');
    pool
      .intercept({
        path: '/_p/event/api/v1/functions/my%20fn/appcode?bucket=b%26c&scope=s',
        method: 'POST',
        body: 'function OnUpdate() {}',
        headers: {
          authorization: `Basic ${Buffer.from('Administrator:password').toString('base64')}`,
          'content-type': 'text/plain; charset=utf-8',
        },
      })
      .reply(200, { code: 0, info: 'stored' });
    const scope = { bucket: 'b&c', scope: 's' };
    expect(await client.setAppcode('my fn', 'function OnUpdate() {}', { scope })).toEqual({
      code: 0,
      info: 'stored',
    });
  });

  it('retries GETs after a retryable error or a gateway error, then succeeds', async () => {
    const { pool, client } = cluster();
    pool.intercept({ path: '/api/v1/functions', method: 'GET' }).reply(500, {
      name: 'INTERNAL_SERVER_ERROR',
      code: 59,
      description: 'busy',
      attributes: ['retry'],
    });
    pool
      .intercept({ path: '/api/v1/functions', method: 'GET' })
      .reply(503, '<html>bad gateway</html>');
    pool.intercept({ path: '/api/v1/functions', method: 'GET' }).reply(200, []);
    expect(await client.getFunctions()).toEqual([]);
  });

  it('retries a POST only when the server marks the error with "retry"', async () => {
    const { pool, client } = cluster();
    const deploy = () => pool.intercept({ path: '/api/v1/functions/fn1/deploy', method: 'POST' });
    deploy().reply(500, {
      name: 'ERR_SAVE_APP_TS',
      code: 6,
      description: 'metakv',
      attributes: ['retry'],
    });
    deploy().reply(200, { code: 0, info: 'Function: fn1 is deploying' });
    expect((await client.deploy('fn1')).info).toBe('Function: fn1 is deploying');
    deploy().reply(500, { name: 'ERR_DEL_APP_TS', code: 2, description: 'no retry here' });
    const error = await refusal(client.deploy('fn1'));
    expect([error.name, error.retryable]).toEqual(['ERR_DEL_APP_TS', false]);
  });

  it('gives up after the retries, with the last error', async () => {
    const { pool, client } = cluster();
    pool.intercept({ path: '/api/v1/status', method: 'GET' }).reply(502, 'bad gateway').times(3);
    const error = await refusal(client.getStatuses());
    expect([error.status, error.name, error.code, error.message]).toEqual([
      502,
      'HTTP_502',
      -1,
      'bad gateway',
    ]);
  });

  it('sends handleruuid on delete and the filters of the function list', async () => {
    const { pool, client } = cluster();
    pool
      .intercept({ path: '/api/v1/functions/fn1?handleruuid=42', method: 'DELETE' })
      .reply(200, { code: 0, info: 'Function: fn1 deleting in background' });
    pool
      .intercept({
        path: '/api/v1/list/functions?deployed=true&source_bucket=travel&function_type=sbm',
        method: 'GET',
      })
      .reply(200, { functions: ['fn1'] });
    expect((await client.deleteFunction('fn1', { handleruuid: 42 })).info).toBe(
      'Function: fn1 deleting in background',
    );
    expect(
      await client.listFunctions({ deployed: true, sourceBucket: 'travel', functionType: 'sbm' }),
    ).toEqual(['fn1']);
  });
});
