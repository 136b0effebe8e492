import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../src/definition/types.ts';
import { createEmulator, type Emulator } from '../../src/index.ts';
import { planEntry } from '../../src/runtime/entry-plan.ts';
import { deployed, handler, logged } from '../helpers/emulator.ts';

const COPY_AND_LOG = `function OnUpdate(doc, meta) {
  dst[meta.id] = { copied: doc.n };
  log('copied', meta.id, dst[meta.id]);
  if (doc.n === 3) throw new Error('three');
}`;

describe.each(['sync', 'async'] as const)('entering the isolate %sly', (entryMode) => {
  it('runs handlers, host calls and failures the same way', async () => {
    const { em, fn } = await deployed(COPY_AND_LOG, {}, { entryMode });
    await Promise.all([1, 2, 3, 4].map((n) => em.upsert('src', `k${n}`, { n })));
    expect(em.keys('dst')).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(logged(fn)).toEqual([
      '"copied" "k1" {"copied":1} ',
      '"copied" "k2" {"copied":2} ',
      '"copied" "k3" {"copied":3} ',
      expect.stringContaining('Error: three'),
      '"copied" "k4" {"copied":4} ',
    ]);
    expect(fn.stats.execution_stats).toMatchObject({ on_update_success: 3, on_update_failure: 1 });
    expect(fn.failures).toEqual([expect.objectContaining({ key: 'k3', line: 4 })]);
  });
});

describe('microtasks queued by a handler', () => {
  it('run before the invocation ends, so built-ins still work in them', async () => {
    const { em, fn } = await deployed(`
function OnUpdate(doc, meta) { later(meta.id); log('returned', meta.id); }
function later(id) { Promise.resolve().then(function () { return null; }).then(function () { log('microtask', id); dst[id] = 1; }); }`);
    await Promise.all([em.upsert('src', 'a', {}), em.upsert('src', 'b', {})]);
    expect(logged(fn)).toEqual([
      '"returned" "a" ',
      '"microtask" "a" ',
      '"returned" "b" ',
      '"microtask" "b" ',
    ]);
    expect(em.keys('dst')).toEqual(['a', 'b']);
  });

  it('do not turn a rejected promise into a handler failure', async () => {
    const { em, fn } = await deployed(
      'function OnUpdate(doc, meta) { helper(); }\nfunction helper() { Promise.reject(new Error("lost")); }',
    );
    await em.upsert('src', 'k', {});
    expect(fn.stats.execution_stats).toMatchObject({ on_update_success: 1, on_update_failure: 0 });
  });
});

describe('entering asynchronously', () => {
  it('leaves the event loop free while a handler loops, and dispose ends the loop', async () => {
    const em = await createEmulator({ now: '2026-01-01T00:00:00Z', entryMode: 'async' });
    const fn = await em.deploy(
      handler('function OnUpdate(doc, meta) { dst[meta.id] = 1; while (true) {} }'),
    );
    const upsert = em.upsert('src', 'k', {});
    // The handler wrote its mark and loops (execution_timeout is 60 s) while this loop turns.
    for (let turn = 0; em.get('dst', 'k') === undefined; turn++) {
      if (turn > 100_000) throw new Error('the handler never ran');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await em.dispose();
    await upsert;
    expect(fn.stats.failure_stats.timeout_count).toBe(0);
  });
});

describe('entry plans', () => {
  const plan = (code: string, spec: Parameters<typeof handler>[1] = {}, forced?: 'async') =>
    planEntry(handler(code, spec) as FunctionDefinition, code, forced);

  it('enter asynchronously for curl and queries, and say which, unless the mode is forced', () => {
    const neither = { curl: false, queries: false };
    expect(plan('N1QL("SELECT 1")')).toMatchObject({
      mode: 'async',
      asyncFor: { curl: false, queries: true },
    });
    expect(plan('curl("GET", api)')).toMatchObject({
      mode: 'async',
      asyncFor: { curl: true, queries: false },
    });
    expect(plan('N1QL("SELECT 1")', { urls: { api: 'https://api.test' } })).toMatchObject({
      mode: 'async',
      asyncFor: { curl: true, queries: true },
    });
    expect(plan('N1QL("SELECT 1")', {}, 'async')).toMatchObject({ asyncFor: neither });
    expect(plan('dst[meta.id] = doc')).toMatchObject({ mode: 'sync', asyncFor: neither });
  });
});

describe('a function that runs queries', () => {
  const LOOKUP = `function OnUpdate(doc, meta) {
    for (var row of N1QL('SELECT RAW name FROM users USE KEYS $key', { key: doc.user })) dst[meta.id] = row;
  }`;

  it('stays on the Node thread while the evaluator answers every query', async () => {
    const { em } = await deployed(LOOKUP);
    em.seed('users', { u1: { name: 'Ada' } });
    let seenFirst: unknown;
    const upsert = em.upsert('src', 'k', { user: 'u1' });
    // The whole batch runs before the event loop turns: no thread was waited on.
    setImmediate(() => {
      seenFirst = em.get('dst', 'k')?.value;
    });
    await upsert;
    await new Promise((resolve) => setImmediate(resolve));
    expect(seenFirst).toBe('Ada');
  });

  it('waits for an answer of the test that comes later', async () => {
    const { em, fn } = await deployed(LOOKUP);
    em.query.on(/FROM users/, async () => ['Grace']);
    await em.upsert('src', 'k', { user: 'u1' });
    expect(em.get('dst', 'k')?.value).toBe('Grace');
    expect(fn.stats.execution_stats.on_update_success).toBe(1);
  });
});

describe('a function that calls curl()', () => {
  const API = 'https://api.test';
  const FETCH_RATE = `function OnUpdate(doc, meta) {
    try { var r = curl('GET', api, { path: '/rate' }); dst[meta.id] = r.body; log(r.status, r.body); }
    catch (e) { log(e.message); }
  }`;
  const deployedWithApi = (code = FETCH_RATE, url = API) => deployed(code, { urls: { api: url } });

  it('stays on the Node thread while every mocked reply comes at once', async () => {
    const { em } = await deployedWithApi();
    em.http.get(API).intercept({ path: '/rate' }).reply(200, { rate: 1.1 });
    let seenFirst: unknown;
    const upsert = em.upsert('src', 'k', {});
    // The whole batch runs before the event loop turns: no thread was waited on.
    setImmediate(() => {
      seenFirst = em.get('dst', 'k')?.value;
    });
    await upsert;
    await new Promise((resolve) => setImmediate(resolve));
    expect(seenFirst).toEqual({ rate: 1.1 });
  });

  it.each([
    ['a delayed reply', (em: Emulator) => rate(em).reply(200, 'later', TEXT).delay(5)],
    [
      'a reply from a callback',
      (em: Emulator) =>
        rate(em).reply(async () => ({ statusCode: 200, data: 'later', responseOptions: TEXT })),
    ],
    ['a body from a function', (em: Emulator) => rate(em).reply(200, async () => 'later', TEXT)],
  ])('waits for %s', async (_what, register) => {
    const { em, fn } = await deployedWithApi();
    register(em);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['200 "later" ']);
  });

  describe('when requests may go to the network', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'text/plain');
        setTimeout(() => response.end('from the network'), 5);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it.each([
      ['let through for its host', (em: Emulator) => em.http.enableNetConnect(/127\.0\.0\.1/)],
      ['with the mocks switched off', (em: Emulator) => em.http.deactivate()],
    ])('waits for the answer %s', async (_what, allow) => {
      const { em, fn } = await deployedWithApi(FETCH_RATE, url);
      allow(em);
      await em.upsert('src', 'k', {});
      expect(logged(fn)).toEqual(['200 "from the network" ']);
    });
  });

  it('waits for a query answered later while its curl() replies come at once', async () => {
    const { em, fn } = await deployedWithApi(`function OnUpdate(doc, meta) {
      var r = curl('GET', api, { path: '/rate' });
      for (var name of N1QL('SELECT RAW name FROM users')) log(r.body, name);
    }`);
    rate(em).reply(200, 'now', TEXT);
    em.query.on(/FROM users/, async () => ['Grace']);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"now" "Grace" ']);
  });

  const TEXT = { headers: { 'content-type': 'text/plain' } };
  function rate(em: Emulator) {
    return em.http.get(API).intercept({ path: '/rate' });
  }
});
