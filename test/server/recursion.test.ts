import { describe, expect, it } from 'vitest';
import { definition, expectError, expectOk, serve } from './serve-harness.ts';

// Deploy and resume requests are refused at once when they break the recursion rules
// (spec/rest-api.md §3.4), as the server does, rather than failing when the transition ends.

const writing = (name: string, source: string, target: string, appcode?: string) =>
  definition(name, {
    ...(appcode ? { appcode } : {}),
    depcfg: {
      source_bucket: source,
      metadata_bucket: 'meta',
      buckets: [{ alias: 'dst', bucket_name: target, access: 'rw' }],
    },
  });

describe('recursion checks of deploy requests', () => {
  it('refuses the deploy that closes a write cycle with ERR_INTER_BUCKET_RECURSION', async () => {
    const h = await serve();
    expectOk(await h.call('POST', '/api/v1/functions/there', { body: writing('there', 'a', 'b') }));
    expectOk(await h.call('POST', '/api/v1/functions/back', { body: writing('back', 'b', 'a') }));
    expectOk(await h.call('POST', '/api/v1/functions/there/deploy'));
    await h.waitFor('there', 'deployed');
    expectError(await h.call('POST', '/api/v1/functions/back/deploy'), {
      http: 400,
      name: 'ERR_INTER_BUCKET_RECURSION',
      code: 51,
      description:
        'Inter bucket recursion error; function: back causes a cycle involving functions: [there], hence deployment is disallowed',
    });
    const status = (await h.call('GET', '/api/v1/status/back')).json() as {
      app: { composite_status: string };
    };
    expect(status.app.composite_status).toBe('undeployed');
  });

  it('allows the cycle once the cluster allows inter-bucket recursion', async () => {
    const h = await serve();
    expectOk(
      await h.call('POST', '/api/v1/config', { body: { allow_interbucket_recursion: true } }),
    );
    expectOk(await h.call('POST', '/api/v1/functions/there', { body: writing('there', 'a', 'b') }));
    expectOk(await h.call('POST', '/api/v1/functions/there/deploy'));
    await h.waitFor('there', 'deployed');
    const back = writing('back', 'b', 'a');
    back.settings = { deployment_status: true, processing_status: true };
    expect((await h.call('POST', '/api/v1/functions/back', { body: back })).status).toBe(200);
    await h.waitFor('back', 'deployed');
  });

  it('refuses a second function writing to the source it shares with another', async () => {
    const h = await serve();
    const one = writing('one', 'a', 'a');
    one.settings = { deployment_status: true, processing_status: true };
    expectOk(await h.call('POST', '/api/v1/functions/one', { body: one }));
    await h.waitFor('one', 'deployed');
    const two = writing('two', 'a', 'a');
    two.settings = { deployment_status: true, processing_status: true };
    expectError(await h.call('POST', '/api/v1/functions/two', { body: two }), {
      http: 400,
      name: 'ERR_INTER_FUNCTION_RECURSION',
      code: 50,
      description: 'Inter handler recursion error with app: one',
    });
    expect((await h.call('GET', '/api/v1/functions/two')).status).toBe(404);
  });

  it('refuses inline SQL++ DML into the source keyspace', async () => {
    const h = await serve();
    const code =
      'function OnUpdate(doc, meta) {\n  var id = meta.id;\n  DELETE FROM a WHERE META().id = $id;\n}\n';
    expectOk(
      await h.call('POST', '/api/v1/functions/dml', { body: writing('dml', 'a', 'b', code) }),
    );
    const answer = await h.call('POST', '/api/v1/functions/dml/deploy');
    expectError(answer, { http: 400, name: 'ERR_INTER_BUCKET_RECURSION', code: 51 });
    expect((answer.json() as { description: string }).description).toBe(
      'Function: dml N1QL DML to source keyspace default:a',
    );
  });

  it('deploys a second function writing to a shared source once inter-bucket recursion is allowed', async () => {
    const h = await serve();
    expectOk(
      await h.call('POST', '/api/v1/config', { body: { allow_interbucket_recursion: true } }),
    );
    for (const name of ['one', 'two']) {
      const fn = writing(name, 'a', 'a');
      fn.settings = { deployment_status: true, processing_status: true };
      expectOk(await h.call('POST', `/api/v1/functions/${name}`, { body: fn }));
      await h.waitFor(name, 'deployed');
    }
  });
});
