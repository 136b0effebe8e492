import { MockAgent } from 'undici';
import { expect } from 'vitest';
import { EventingApiError } from '../../src/client/eventing-api-error.ts';
import { afterEachTest } from '../helpers/after-each-test.ts';
import { newClient } from './client-harness.ts';

// A cluster answered by an undici MockAgent (no network at all), for the shapes serve does not
// produce; every interceptor a test sets up must have been used by the end of the test.

const ORIGIN = 'http://cb7.test:8096';
const agents: MockAgent[] = [];

afterEachTest(async () => {
  for (const agent of agents.splice(0)) {
    agent.assertNoPendingInterceptors();
    await agent.close();
  }
});

/** A MockAgent pool for the cluster's origin and a client on it (base URL `origin + path`). */
export function mockCluster(path = '') {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const pool = agent.get(ORIGIN);
  const client = newClient({ url: `${ORIGIN}${path}`, dispatcher: agent, retryDelayMs: 0 });
  return { pool, client };
}

/** The EventingApiError a call rejects with. */
export async function refusal(promise: Promise<unknown>): Promise<EventingApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EventingApiError);
  return error as EventingApiError;
}
