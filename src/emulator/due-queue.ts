/** An entry of a {@link DueQueue}: due at `due` (epoch ms); ties break by insertion order. */
interface Entry<T> {
  due: number;
  order: number;
  item: T;
}

let insertions = 0;

/**
 * A min-heap of items by due time. Entries are never updated in place: callers push a new
 * entry and skip stale ones when they pop (the item says whether it is still current).
 */
export class DueQueue<T> {
  readonly #heap: Entry<T>[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(due: number, item: T): void {
    this.#heap.push({ due, order: insertions++, item });
    this.#up(this.#heap.length - 1);
  }

  /** The earliest entry, without removing it. */
  peek(): { due: number; order: number; item: T } | undefined {
    return this.#heap[0];
  }

  pop(): { due: number; order: number; item: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top && last && heap.length > 0) {
      heap[0] = last;
      this.#down(0);
    }
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a] as Entry<T>;
    const y = this.#heap[b] as Entry<T>;
    return x.due < y.due || (x.due === y.due && x.order < y.order);
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    [heap[a], heap[b]] = [heap[b] as Entry<T>, heap[a] as Entry<T>];
  }

  #up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.#heap.length && this.#before(left, smallest)) smallest = left;
      if (right < this.#heap.length && this.#before(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }
}
