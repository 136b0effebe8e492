import { createRequire } from 'node:module';
import type { Dispatcher, MockAgent } from 'undici';
import type { HttpPort } from '../runtime/index.ts';

// The emulator's default HTTP: an undici MockAgent that refuses the network. undici's main
// module takes about 130 ms to load, more than everything else an emulator needs, so it is
// loaded (synchronously: undici is CommonJS) the first time a handler calls curl() or a test
// reaches for em.http, not when the emulator is created; `eventing-dev check` and promote never
// pay for it.

const require = createRequire(import.meta.url);

export class OfflineHttp {
  #agent: MockAgent | undefined;

  /** The MockAgent, created on first use. */
  get agent(): MockAgent {
    if (!this.#agent) {
      const { MockAgent } = require('undici') as typeof import('undici');
      this.#agent = new MockAgent();
      this.#agent.disableNetConnect();
    }
    return this.#agent;
  }

  /** The port handed to the runtime: it reads `dispatcher` at each request. */
  port(insecureDispatcher?: Dispatcher): HttpPort {
    const offline = this;
    return {
      get dispatcher() {
        return offline.agent;
      },
      inProcess: true,
      ...(insecureDispatcher ? { insecureDispatcher } : {}),
    };
  }

  /** Forgets every interceptor: the next use starts a fresh MockAgent. */
  async close(): Promise<void> {
    const agent = this.#agent;
    this.#agent = undefined;
    await agent?.close();
  }
}
