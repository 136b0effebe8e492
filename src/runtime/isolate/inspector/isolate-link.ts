import type ivm from 'isolated-vm';

/** How long an answer may take before the isolate is nudged (see #nudge). */
const NUDGE_MS = 20;

/** A protocol reply: a result, or an error with V8's code and message. */
export interface ProtocolReply {
  result?: unknown;
  error?: { code: number; message: string };
}

/** One debugger's inspector session in one isolate, with its own command numbering. */
export class IsolateLink {
  readonly target: number;
  readonly #session: ivm.InspectorSession;
  readonly #waiting = new Map<number, (reply: ProtocolReply) => void>();
  readonly #inFlight = new Set<Promise<ProtocolReply>>();
  #nextId = 1;
  #closed = false;

  constructor(
    isolate: ivm.Isolate,
    target: number,
    onEvent: (method: string, params: unknown) => void,
  ) {
    this.target = target;
    this.#session = isolate.createInspectorSession();
    this.#session.onResponse = (id, message) => {
      const answer = this.#waiting.get(id);
      this.#waiting.delete(id);
      answer?.(JSON.parse(message) as ProtocolReply);
    };
    this.#session.onNotification = (message) => {
      const { method, params } = JSON.parse(message) as { method: string; params: unknown };
      onEvent(method, params);
    };
  }

  call(method: string, params: unknown): Promise<ProtocolReply> {
    if (this.#closed) return Promise.resolve(gone());
    const id = this.#nextId++;
    const answered = new Promise<ProtocolReply>((resolve) => this.#waiting.set(id, resolve));
    try {
      this.#session.dispatchProtocolMessage(JSON.stringify({ id, method, params }));
    } catch {
      this.#waiting.delete(id);
      return Promise.resolve(gone());
    }
    this.#inFlight.add(answered);
    const nudging = setInterval(() => this.#nudge(), NUDGE_MS);
    void answered.then(() => {
      clearInterval(nudging);
      this.#inFlight.delete(answered);
    });
    return answered;
  }

  /**
   * isolated-vm can miss the wake-up for a message sent just as a handler stops at a
   * breakpoint (between V8's Debugger.paused and isolated-vm's pause loop starting to wait),
   * leaving the handler paused for good. Any later message wakes the loop, which then handles
   * every message waiting: while an answer is outstanding, a harmless one is sent now and then.
   */
  #nudge(): void {
    if (this.#closed) return;
    const id = this.#nextId++;
    try {
      this.#session.dispatchProtocolMessage(JSON.stringify({ id, method: 'Runtime.getIsolateId' }));
    } catch {
      // The session is going; the outstanding answer is settled by close().
    }
  }

  /**
   * Ends the session once V8 has answered every command sent: a session disposed while V8
   * still works on one of its messages takes the process down.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#inFlight]);
    try {
      this.#session.dispose();
    } catch {
      // The isolate is gone already (terminated or out of memory).
    }
  }
}

function gone(): ProtocolReply {
  return { error: { code: -32000, message: 'The handler isolate has been disposed' } };
}
