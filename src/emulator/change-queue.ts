import type { FunctionEvent } from '../runtime/index.ts';

/** A FIFO of events waiting for a function, cheap to drain in batches from the front. */
export class ChangeQueue {
  #items: FunctionEvent[] = [];
  #head = 0;
  /** How many events were ever pushed: the position of the next one. */
  pushed = 0;
  /** How many events left without being taken (cleared, or superseded by a later change). */
  dropped = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(change: FunctionEvent): void {
    this.#items.push(change);
    this.pushed++;
  }

  /** The events waiting, front first. */
  pending(): FunctionEvent[] {
    return this.#items.slice(this.#head);
  }

  /** Removes and returns up to `max` changes from the front. */
  take(max: number): FunctionEvent[] {
    const end = Math.min(this.#items.length, this.#head + max);
    const taken = this.#items.slice(this.#head, end);
    this.#head = end;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return taken;
  }

  /**
   * Keeps only the last change of each document, in the order of those last changes: what a
   * DCP stream sends for a backlog, which de-duplicates by key.
   */
  keepLatestPerKey(): void {
    const pending = this.#items.slice(this.#head);
    this.dropped += pending.length;
    const last = new Map<string, number>();
    pending.forEach((event, index) => {
      if (event.kind !== 'timer') last.set(documentIdentity(event.keyspace, event.key), index);
    });
    this.#items = pending.filter(
      (event, index) =>
        event.kind === 'timer' || last.get(documentIdentity(event.keyspace, event.key)) === index,
    );
    this.#head = 0;
    this.dropped -= this.#items.length;
  }

  clear(): void {
    this.dropped += this.size;
    this.#items = [];
    this.#head = 0;
  }
}

function documentIdentity(
  keyspace: { bucket: string; scope: string; collection: string },
  key: string,
): string {
  return `${keyspace.bucket}\u0000${keyspace.scope}\u0000${keyspace.collection}\u0000${key}`;
}
