import type { Interceptable, MockAgent } from 'undici';

type MockInterceptor = ReturnType<Interceptable['intercept']>;
type MockScope = ReturnType<MockInterceptor['replyWithError']>;

// A MockAgent hands its reply over inside dispatch(), in the same turn as the request, unless
// the test set up something that answers later: a delayed reply, a reply computed by a callback
// or a body function (either may return a promise), or requests let through to the network.
// Watching what is registered on the agent tells the emulator when a function that calls
// curl() can stay on the Node thread. Only the agent's public methods are wrapped, on this one
// instance.

/**
 * Calls `mayAnswerLater` whenever something that may answer a request later than the turn it
 * was sent in is set up on `agent`.
 *
 * @example
 * watchReplyTiming(agent, () => { later = true; });
 * agent.get('https://api.test').intercept({ path: '/' }).reply(200, 'ok').delay(50); // later = true
 */
export function watchReplyTiming(agent: MockAgent, mayAnswerLater: () => void): void {
  const watchedPools = new WeakSet<Interceptable>();
  const get = agent.get.bind(agent) as (origin: never) => Interceptable;
  // The agent also calls get() itself for every request; a pool is wrapped only once.
  agent.get = ((origin: never) => {
    const pool = get(origin);
    if (!watchedPools.has(pool)) {
      watchedPools.add(pool);
      watchPool(pool, mayAnswerLater);
    }
    return pool;
  }) as MockAgent['get'];

  // Requests without an interceptor then go to the network (all of them, once deactivated).
  const enableNetConnect = agent.enableNetConnect.bind(agent) as (matcher?: unknown) => void;
  agent.enableNetConnect = ((matcher?: unknown) => {
    enableNetConnect(matcher);
    mayAnswerLater();
  }) as MockAgent['enableNetConnect'];
  const deactivate = agent.deactivate.bind(agent);
  agent.deactivate = () => {
    deactivate();
    mayAnswerLater();
  };
}

function watchPool(pool: Interceptable, mayAnswerLater: () => void): void {
  const intercept = pool.intercept.bind(pool);
  pool.intercept = (options) => watchInterceptor(intercept(options), mayAnswerLater);
}

function watchInterceptor(interceptor: MockInterceptor, mayAnswerLater: () => void) {
  const reply = interceptor.reply.bind(interceptor) as (...args: unknown[]) => MockScope;
  interceptor.reply = ((...args: unknown[]) => {
    const scope = reply(...args);
    // reply(callback) and reply(status, bodyFunction) compute the reply when a request comes.
    if (typeof args[0] === 'function' || typeof args[1] === 'function') mayAnswerLater();
    return watchScope(scope, mayAnswerLater);
  }) as MockInterceptor['reply'];
  const replyWithError = interceptor.replyWithError.bind(interceptor);
  interceptor.replyWithError = (error) => watchScope(replyWithError(error), mayAnswerLater);
  return interceptor;
}

function watchScope(scope: MockScope, mayAnswerLater: () => void): MockScope {
  const delay = scope.delay.bind(scope);
  scope.delay = (waitInMs) => {
    const delayed = delay(waitInMs);
    mayAnswerLater();
    return delayed;
  };
  return scope;
}
