import type { DocumentChange } from '../runtime/document-change.ts';

/** A FIFO of changes waiting for a function, cheap to drain in batches from the front. */
export class ChangeQueue {
  #items: DocumentChange[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(change: DocumentChange): void {
    this.#items.push(change);
  }

  /** Removes and returns up to `max` changes from the front. */
  take(max: number): DocumentChange[] {
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

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
