import ivm from 'isolated-vm';
import type { IsolateSpec } from './function-isolate.ts';
import { WriteLog } from './write-log.ts';

/** What the host answers requests with, for the doors and for those that may wait. */
type Answering = Pick<IsolateSpec, 'door' | 'asyncDoor'>;

/** How long the Node thread keeps turning after a host call from a handler off its thread. */
const HOST_CALL_WINDOW_MS = 1;

/**
 * The host's side of the doors, as isolated-vm hands them to the shim: the door, the same door
 * not waiting for answers, the door for answers that may come later, and the write log. Every
 * request first applies the writes the shim logged, so it finds the store as the handler left
 * it.
 */
export class HostDoors {
  readonly #writeLog = new WriteLog();
  readonly #applyWrite: (index: number, key: string, value: string) => void;
  readonly #answering: Answering;
  /** True while the isolate runs on isolated-vm's thread pool. */
  readonly #offThread: () => boolean;
  /** When the handler running off the Node thread last called the host (performance.now()). */
  #lastHostCall = 0;
  #turning = false;

  constructor(answering: Answering, offThread: () => boolean) {
    this.#answering = answering;
    this.#offThread = offThread;
    this.#applyWrite = (index, key, value) => void answering.door('kv.set', index, key, value);
  }

  /** Applies the logged writes through the door, in order, as the shim would have sent them. */
  applyLoggedWrites(): void {
    this.#writeLog.apply(this.#applyWrite);
  }

  /** The doors and the write log, as the shim's setup takes them (see shim/index.js). */
  forShim() {
    const { door, asyncDoor: waiting } = this.#answering;
    const host = (op: string, ...args: unknown[]) => {
      this.#keepTurning();
      this.applyLoggedWrites();
      return door(op, ...args);
    };
    // applySyncPromise only carries transferable results: wrap the answer in an ExternalCopy.
    // An answer that is ready goes back in the same crossing, without a turn of promise jobs.
    const transferable = (answer: unknown) => new ivm.ExternalCopy(answer).copyInto();
    const asyncDoor = waiting
      ? new ivm.Reference((op: string, ...args: unknown[]) => {
          this.#keepTurning();
          this.applyLoggedWrites();
          const answer = waiting(op, ...args);
          const waits = typeof (answer as { then?: unknown } | null)?.then === 'function';
          return waits ? Promise.resolve(answer).then(transferable) : transferable(answer);
        })
      : undefined;
    return {
      door: new ivm.Callback(host),
      // The same door for requests whose answer is not waited for (writes that cannot fail).
      sendingDoor: new ivm.Callback(host, { ignored: true }),
      asyncDoor,
      writeLog: new ivm.ExternalCopy(this.#writeLog.buffer).copyInto(),
    };
  }

  /**
   * While a handler running off the Node thread keeps calling the host, the Node thread keeps
   * turning its event loop instead of sleeping between calls: woken from sleep, each call
   * costs about three times as long (some 60 µs against 20 µs on a small virtual machine).
   * It stops turning HOST_CALL_WINDOW_MS after the last call, so a handler that computes for
   * long without calling out leaves the Node thread asleep.
   */
  #keepTurning(): void {
    this.#lastHostCall = performance.now();
    if (this.#turning || !this.#offThread()) return;
    this.#turning = true;
    const turn = () => {
      if (this.#offThread() && performance.now() - this.#lastHostCall < HOST_CALL_WINDOW_MS) {
        setImmediate(turn);
      } else {
        this.#turning = false;
      }
    };
    setImmediate(turn);
  }
}
