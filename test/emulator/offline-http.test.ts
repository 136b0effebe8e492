import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineHttp } from '../../src/emulator/offline-http.ts';

// The emulator's offline HTTP says whether every curl() request would be answered in the same
// turn; a function that calls curl() is entered on the Node thread only while it does.

const API = 'https://api.test';
const TEXT = { headers: { 'content-type': 'text/plain' } };

describe('offline HTTP', () => {
  let http = new OfflineHttp();
  afterEach(async () => {
    await http.close();
    http = new OfflineHttp();
  });
  const pool = () => http.agent.get(API);

  it('answers at once before anything is registered', () => {
    expect(http.port().answersAtOnce?.()).toBe(true);
  });

  it('hands each request the agent of the moment, in either kind of port', async () => {
    for (const port of [http.port(), http.port(new MockAgent())]) {
      const first = port.dispatcher;
      await http.close();
      expect(port.dispatcher).not.toBe(first);
      expect(port.dispatcher).toBe(http.agent);
    }
  });

  it('answers at once with plain replies, however often they repeat, and with errors', () => {
    pool().intercept({ path: '/a' }).reply(200, 'a', TEXT).persist();
    pool().intercept({ path: '/b', method: 'POST' }).reply(201, { ok: true }).times(3);
    pool().intercept({ path: '/c' }).replyWithError(new Error('refused'));
    http.agent.get(/api/).intercept({ path: '/d' }).reply(204);
    http.agent.disableNetConnect();
    http.agent.activate();
    expect(http.answersAtOnce()).toBe(true);
  });

  it.each([
    [
      'a delayed reply',
      (agent: MockAgent) => agent.get(API).intercept({ path: '/' }).reply(200).delay(5),
    ],
    [
      'a reply computed by a callback',
      (agent: MockAgent) =>
        agent
          .get(API)
          .intercept({ path: '/' })
          .reply(() => ({ statusCode: 200 })),
    ],
    [
      'a body computed by a function',
      (agent: MockAgent) =>
        agent
          .get(API)
          .intercept({ path: '/' })
          .reply(200, () => 'body'),
    ],
    [
      'a delayed error',
      (agent: MockAgent) =>
        agent.get(API).intercept({ path: '/' }).replyWithError(new Error('x')).delay(5),
    ],
    ['letting requests through to the network', (agent: MockAgent) => agent.enableNetConnect()],
    [
      'letting requests to one host through',
      (agent: MockAgent) => agent.enableNetConnect('api.test'),
    ],
    ['switching the mocks off', (agent: MockAgent) => agent.deactivate()],
  ])('may answer later, for good, after %s', (_what, register) => {
    register(http.agent);
    expect(http.answersAtOnce()).toBe(false);
    pool().intercept({ path: '/plain' }).reply(200, 'plain');
    http.agent.disableNetConnect();
    http.agent.activate();
    expect(http.port().answersAtOnce?.()).toBe(false);
  });

  it('still refuses a delay it cannot use, and answers at once then', () => {
    const scope = pool().intercept({ path: '/' }).reply(200);
    expect(() => scope.delay(0)).toThrow();
    expect(http.answersAtOnce()).toBe(true);
  });

  it('starts over with a fresh agent once closed', async () => {
    const old = http.agent;
    old.get(API).intercept({ path: '/' }).reply(200).delay(5);
    await http.close();
    expect(http.answersAtOnce()).toBe(true);
    // What is registered on the closed agent answers nothing any more.
    old.get(API).intercept({ path: '/again' }).reply(200).delay(5);
    expect(http.agent).not.toBe(old);
    expect(http.answersAtOnce()).toBe(true);
  });

  it('may answer later once told a request was answered later', () => {
    const port = http.port();
    port.answeredLater?.();
    expect(port.answersAtOnce?.()).toBe(false);
  });

  it('says nothing of timing when bindings that skip certificate checks use another dispatcher', async () => {
    const insecure = new MockAgent();
    const port = http.port(insecure);
    expect(port.insecureDispatcher).toBe(insecure);
    expect(port.answersAtOnce).toBeUndefined();
    await insecure.close();
  });

  it('answers through the watched agent as the agent itself would', async () => {
    pool().intercept({ path: '/rate' }).reply(200, 'ok', TEXT);
    const response = await http.agent.request({ origin: API, path: '/rate', method: 'GET' });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe('ok');
  });
});
