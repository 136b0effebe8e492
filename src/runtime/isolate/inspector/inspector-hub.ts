import type ivm from 'isolated-vm';
import { DebuggerConnection } from './debugger-connection.ts';
import { IdTable, type IdTables } from './protocol-ids.ts';

// The process's handler isolates, open to debuggers. Turned on once per process (a test worker
// of `eventing-dev test --inspect`, or `eventing-dev serve --inspect`) before any isolate is
// made: isolates are then created with the inspector enabled, every debugger attached gets a
// session in each of them, and handlers are entered off the Node thread so that a handler
// paused at a breakpoint leaves the event loop (and the debugger's messages) running.

/** A handler isolate open to debuggers. */
export interface InspectedIsolate {
  /** Resolves once every attached debugger has its breakpoints in this isolate. */
  readonly ready: Promise<void>;
  /** Closes every debugger's session in the isolate; the isolate may go once this resolves. */
  close(): Promise<void>;
}

/** What a debugger's transport (a WebSocket) needs: pass messages in, close when it goes. */
export interface DebuggerPort {
  receive(message: string): void;
  close(): void;
}

let hub: InspectorHub | undefined;

/** Opens this process's handler isolates to debuggers. */
export function enableInspector(): InspectorHub {
  hub ??= new InspectorHub();
  return hub;
}

/** The hub, when debugging is on in this process. */
export function inspectorHub(): InspectorHub | undefined {
  return hub;
}

/** Turns debugging off again (tests of the inspector itself). */
export function disableInspector(): void {
  hub?.closeAll();
  hub = undefined;
}

export class InspectorHub {
  readonly #ids: IdTables = { scripts: new IdTable(), contexts: new IdTable() };
  readonly #targets = new Map<number, { isolate: ivm.Isolate; scriptName: string }>();
  readonly #connections = new Set<DebuggerConnection>();
  readonly #runWaiters: (() => void)[] = [];
  #nextTarget = 1;
  #ran = false;

  /** True while a debugger is attached: handlers then run without a time limit. */
  get attached(): boolean {
    return this.#connections.size > 0;
  }

  /** Attaches a debugger; `send` carries messages to it. */
  connect(send: (message: string) => void): DebuggerPort {
    const connection = new DebuggerConnection(send, this.#ids, () => this.#released());
    this.#connections.add(connection);
    for (const [index, target] of this.#targets) void connection.attach({ index, ...target });
    return {
      receive: (message) => connection.receive(message),
      close: () => {
        this.#connections.delete(connection);
        void connection.close();
      },
    };
  }

  /** Resolves once a debugger has attached and told the process to run (`--inspect-brk`). */
  waitForDebugger(): Promise<void> {
    if (this.#ran) return Promise.resolve();
    return new Promise((resolve) => this.#runWaiters.push(resolve));
  }

  /**
   * Opens a new handler isolate (created with `inspector: true`) to the debuggers.
   * @param scriptName the handler script's name in the isolate
   */
  add(isolate: ivm.Isolate, scriptName: string): InspectedIsolate {
    const index = this.#nextTarget++;
    const target = { isolate, scriptName };
    this.#targets.set(index, target);
    const ready = Promise.all(
      [...this.#connections].map((connection) => connection.attach({ index, ...target })),
    ).then(() => undefined);
    return {
      ready,
      close: async () => {
        if (!this.#targets.delete(index)) return;
        await ready;
        await Promise.all([...this.#connections].map((connection) => connection.detach(index)));
      },
    };
  }

  closeAll(): void {
    for (const connection of this.#connections) void connection.close();
    this.#connections.clear();
    this.#released();
  }

  #released(): void {
    this.#ran = true;
    for (const resolve of this.#runWaiters.splice(0)) resolve();
  }
}
