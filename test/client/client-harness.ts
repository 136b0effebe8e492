import { EventingClient, type EventingClientOptions } from '../../src/client/eventing-client.ts';
import type { FunctionDefinitionJson } from '../../src/client/types.ts';
import type { LocalServiceOptions } from '../../src/server/serve.ts';
import { afterEachTest } from '../helpers/after-each-test.ts';
import { definition, type Harness, serve } from '../server/serve-harness.ts';

// A real `eventing-dev serve` on a loopback port (20 ms transitions) and an EventingClient on
// it; both closed after each test. Polls yield to the event loop instead of sleeping.

const clients: EventingClient[] = [];

afterEachTest(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** Yields once to the event loop: polls give serve's transitions a chance, without sleeping. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ServedClient {
  h: Harness;
  client: EventingClient;
}

/** serve plus a client logged in as its user. */
export async function servedClient(
  options: LocalServiceOptions = {},
  clientOptions: Partial<EventingClientOptions> = {},
): Promise<ServedClient> {
  const h = await serve(options);
  const client = newClient({ url: h.running.url, ...clientOptions });
  return { h, client };
}

/** A client closed after the test; Administrator / password and instant polls by default. */
export function newClient(options: Partial<EventingClientOptions> & { url: string }) {
  const client = new EventingClient({
    username: 'Administrator',
    password: 'password',
    sleep: nextTurn,
    ...options,
  });
  clients.push(client);
  return client;
}

/** The harness's small definition, typed for the client. */
export function fn(name: string, overrides: Record<string, unknown> = {}): FunctionDefinitionJson {
  return definition(name, overrides) as unknown as FunctionDefinitionJson;
}
