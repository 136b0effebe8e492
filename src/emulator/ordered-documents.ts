import { compareStrings } from './query/collation.ts';

// A collection's documents by key, which can also be walked in key order: the order of the
// Query service's primary index scan. The order is kept lazily, so seeding a hundred thousand
// documents costs one sort, and a walk costs what it reads, not the size of the collection.

/** Past this many pending changes a walk re-sorts instead of placing each key on its own. */
const MERGE_BY_SORT_AT = 64;

/**
 * A Map of documents by key that also knows its keys in order (Unicode code point, the order
 * of the server's UTF-8 byte comparison).
 *
 * @example
 * const docs = new OrderedDocuments<number>();
 * docs.set('b', 2).set('a', 1);
 * [...docs.keysInOrder()]; // ['a', 'b']
 */
export class OrderedDocuments<V> extends Map<string, V> {
  #sorted: string[] = [];
  #added = new Set<string>();
  #removed = new Set<string>();
  /** Set once the pending changes are many: the next walk sorts again, so none is noted. */
  #resort = false;
  /** Bumped whenever `#sorted` changes, so a walk in progress finds its place again. */
  #version = 0;

  override set(key: string, value: V): this {
    if (!this.#resort && !super.has(key) && !this.#removed.delete(key)) {
      this.#added.add(key);
      this.#checkResort();
    }
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (!super.delete(key)) return false;
    if (!this.#resort && !this.#added.delete(key)) {
      this.#removed.add(key);
      this.#checkResort();
    }
    return true;
  }

  override clear(): void {
    super.clear();
    this.#sorted = [];
    this.#added.clear();
    this.#removed.clear();
    this.#resort = false;
    this.#version += 1;
  }

  /**
   * The keys in order, from the first after `after` (or from the start). Changes made while a
   * walk is paused are seen by it: a key added ahead of its place is visited, one removed is not.
   */
  *keysInOrder(after?: string): Generator<string, void, undefined> {
    let index = this.#indexAfter(after);
    let version = this.#version;
    for (;;) {
      this.#settle();
      if (version !== this.#version) {
        index = this.#indexAfter(after);
        version = this.#version;
      }
      const key = this.#sorted[index];
      if (key === undefined) return;
      index += 1;
      after = key;
      yield key;
    }
  }

  #indexAfter(after: string | undefined): number {
    this.#settle();
    return after === undefined ? 0 : this.#position(after, true);
  }

  /** Brings the sorted keys up to date with the adds and removes since the last walk. */
  #settle(): void {
    if (this.#resort) {
      this.#sorted = [...super.keys()].sort(compareStrings);
      this.#resort = false;
    } else if (this.#added.size + this.#removed.size === 0) {
      return;
    } else {
      for (const key of this.#removed) this.#sorted.splice(this.#position(key), 1);
      for (const key of this.#added) this.#sorted.splice(this.#position(key), 0, key);
    }
    this.#added.clear();
    this.#removed.clear();
    this.#version += 1;
  }

  /** Past MERGE_BY_SORT_AT pending changes, stops noting each: the next walk sorts them all. */
  #checkResort(): void {
    if (this.#added.size + this.#removed.size <= MERGE_BY_SORT_AT) return;
    this.#resort = true;
    this.#added.clear();
    this.#removed.clear();
  }

  /** Where `key` is, or would go, in the sorted keys; with `past`, the place just after it. */
  #position(key: string, past = false): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const order = compareStrings(this.#sorted[middle]!, key);
      if (order < 0 || (past && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
