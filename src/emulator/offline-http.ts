import { createRequire } from 'node:module';
import type { Dispatcher, MockAgent } from 'undici';
import type { HttpPort } from '../runtime/index.ts';
import { watchReplyTiming } from './reply-timing.ts';

// The emulator's default HTTP: an undici MockAgent that refuses the network. undici's main
// module takes about 130 ms to load, more than everything else an emulator needs, so it is
// loaded (synchronously: undici is CommonJS) the first time a handler calls curl() or a test
// reaches for em.http, not when the emulator is created; `eventing-dev check` and promote never
// pay for it.

const require = createRequire(import.meta.url);

export class OfflineHttp {
  #agent: MockAgent | undefined;
  /** Something set up on the current agent may answer a request later than it was sent. */
  #answersLater = false;

  /** The MockAgent, created on first use. */
  get agent(): MockAgent {
    if (!this.#agent) {
      const { MockAgent } = require('undici') as typeof import('undici');
      const agent = new MockAgent();
      agent.disableNetConnect();
      this.#agent = agent;
      this.#answersLater = false;
      watchReplyTiming(agent, () => {
        // A closed agent's interceptors no longer answer anything.
        if (this.#agent === agent) this.#answersLater = true;
      });
    }
    return this.#agent;
  }

  /**
   * True while every request would be answered in the same turn: nothing registered on the
   * agent delays its reply, computes it with a function, or lets requests through to the
   * network. Once something has, it stays false until close().
   */
  answersAtOnce(): boolean {
    return !this.#answersLater;
  }

  /** A request was answered later after all: from now on requests are waited for. */
  answeredLater(): void {
    this.#answersLater = true;
  }

  /**
   * The port handed to the runtime: it reads `dispatcher` at each request. With a dispatcher of
   * the test's own for bindings that skip certificate checks, requests may go elsewhere than
   * the MockAgent, so they are always waited for.
   */
  port(insecureDispatcher?: Dispatcher): HttpPort {
    const offline = this;
    // Built in place, not spread: spreading would read the getter and create the agent now.
    const port: HttpPort = {
      get dispatcher() {
        return offline.agent;
      },
      inProcess: true,
    };
    if (insecureDispatcher) {
      port.insecureDispatcher = insecureDispatcher;
    } else {
      port.answersAtOnce = () => offline.answersAtOnce();
      port.answeredLater = () => offline.answeredLater();
    }
    return port;
  }

  /** Forgets every interceptor: the next use starts a fresh MockAgent. */
  async close(): Promise<void> {
    const agent = this.#agent;
    this.#agent = undefined;
    this.#answersLater = false;
    await agent?.close();
  }
}
