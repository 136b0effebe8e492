import { randomBytes } from 'node:crypto';
import type { TimerFire, TimerPort } from '../runtime/index.ts';
import { DueQueue } from './due-queue.ts';
import type { TimerJournal } from './storage/emulator-storage.ts';

/** A timer waiting for its due time, as tests can inspect it. */
export interface PendingTimer {
  callback: string;
  reference: string;
  /** Due time in epoch milliseconds (always a whole second, as the server stores seconds). */
  due: number;
  /** JSON text of the context, or `undefined`. */
  context: string;
}

const identity = (callback: string, reference: string) => `${callback}\u0000${reference}`;

/**
 * One function's timers. A timer is identified by its callback's name and its reference:
 * creating another with the same pair replaces it, date and context included (spec §5.2).
 */
export class TimerStore implements TimerPort {
  readonly #timers = new Map<string, PendingTimer>();
  readonly #queue = new DueQueue<PendingTimer>();
  #generated = 0;
  readonly #journal: TimerJournal | undefined;

  constructor(journal?: TimerJournal) {
    this.#journal = journal;
  }

  create(callback: string, dueSeconds: number, reference: string | null, context: string): string {
    // Generated references are opaque: a random 64-bit number and a sequence number, in decimal.
    const resolved = reference ?? `${randomBytes(8).readBigUInt64BE()}${++this.#generated}`;
    const timer: PendingTimer = { callback, reference: resolved, due: dueSeconds * 1000, context };
    this.#timers.set(identity(callback, resolved), timer);
    this.#queue.push(timer.due, timer);
    this.#journal?.put(timer);
    return resolved;
  }

  cancel(callback: string, reference: string): boolean {
    const cancelled = this.#timers.delete(identity(callback, reference));
    if (cancelled) this.#journal?.delete(callback, reference);
    return cancelled;
  }

  /** Due time of the earliest pending timer. */
  nextDue(): number | undefined {
    this.#dropStale();
    return this.#queue.peek()?.due;
  }

  /** Removes and returns every timer due at or before `now`, earliest first. */
  takeDue(now: number): TimerFire[] {
    const fired: TimerFire[] = [];
    for (;;) {
      this.#dropStale();
      const next = this.#queue.peek();
      if (!next || next.due > now) return fired;
      this.#queue.pop();
      const timer = next.item;
      this.#timers.delete(identity(timer.callback, timer.reference));
      this.#journal?.delete(timer.callback, timer.reference);
      fired.push({
        kind: 'timer',
        callback: timer.callback,
        reference: timer.reference,
        context: timer.context,
      });
    }
  }

  /** Pending timers, earliest first. */
  list(): PendingTimer[] {
    return [...this.#timers.values()].sort((a, b) => a.due - b.due);
  }

  clear(): void {
    this.release();
    this.#journal?.clear();
  }

  /** Forgets the timers in memory only: they stay in the journal for the next process. */
  release(): void {
    this.#timers.clear();
    this.#queue.clear();
  }

  /** Queue entries of timers since replaced or cancelled are skipped here, not when changed. */
  #dropStale(): void {
    for (;;) {
      const next = this.#queue.peek();
      if (
        !next ||
        this.#timers.get(identity(next.item.callback, next.item.reference)) === next.item
      )
        return;
      this.#queue.pop();
    }
  }
}
