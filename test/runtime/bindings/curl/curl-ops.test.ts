import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CurlContext, curlCall } from '../../../../src/runtime/bindings/curl/curl-ops.ts';
import { createFunctionStats } from '../../../../src/runtime/stats.ts';
import { urlBinding } from '../../../helpers/url-binding.ts';

// The door's side of curl(): a port that said it answers every request at once is told when
// one was answered later after all, so the function's next entries wait for such answers.

const API = 'http://api.test';
const TEXT = { headers: { 'content-type': 'text/plain' } };

describe('a curl() call through a port that answers from memory', () => {
  let mock: MockAgent;
  beforeAll(() => {
    mock = new MockAgent();
    mock.disableNetConnect();
  });
  afterAll(() => mock.close());

  const call = (path: string) => {
    const answeredLater = vi.fn();
    const context: CurlContext = {
      http: { dispatcher: mock, inProcess: true, answersAtOnce: () => true, answeredLater },
      bindings: [urlBinding(API)],
      languageCompatibility: '7.2.0',
      maxResponseMiB: 100,
      stats: createFunctionStats(),
      clock: { now: () => 0 },
      jars: new Map(),
    };
    return {
      answer: curlCall(context, 0, 'GET', JSON.stringify({ path }), undefined),
      answeredLater,
    };
  };

  it('tells the port nothing when the reply comes at once', () => {
    mock.get(API).intercept({ path: '/now' }).reply(200, 'now', TEXT);
    const { answer, answeredLater } = call('/now');
    expect(answer).toMatchObject({ status: 200, body: 'now' });
    expect(answeredLater).not.toHaveBeenCalled();
  });

  it('tells the port when the reply comes later, and still answers', async () => {
    mock.get(API).intercept({ path: '/later' }).reply(200, 'later', TEXT).delay(1);
    const { answer, answeredLater } = call('/later');
    expect(answeredLater).toHaveBeenCalledOnce();
    expect(await answer).toMatchObject({ status: 200, body: 'later' });
  });
});
