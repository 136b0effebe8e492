import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedDocuments } from '../../src/emulator/ordered-documents.ts';
import { compareStrings } from '../../src/emulator/query/collation.ts';

const sorted = (keys: Iterable<string>) => [...keys].sort(compareStrings);

describe('OrderedDocuments', () => {
  it('walks its keys in code point order, whatever order they were set in', () => {
    const docs = new OrderedDocuments<number>();
    for (const key of ['b', '\u{1F600}', 'a', '\uFFFD', 'a']) docs.set(key, 1);
    expect([...docs.keysInOrder()]).toEqual(['a', 'b', '\uFFFD', '\u{1F600}']);
  });

  it('starts a walk after a given key', () => {
    const docs = new OrderedDocuments<number>();
    for (const key of ['k1', 'k3', 'k2']) docs.set(key, 1);
    expect([...docs.keysInOrder('k1')]).toEqual(['k2', 'k3']);
    expect([...docs.keysInOrder('k15')]).toEqual(['k2', 'k3']);
  });

  it('lets a paused walk see keys added ahead of it and not keys removed', () => {
    const docs = new OrderedDocuments<number>();
    for (const key of ['a', 'c', 'e']) docs.set(key, 1);
    const walk = docs.keysInOrder();
    expect(walk.next().value).toBe('a');
    docs.set('b', 1);
    docs.delete('c');
    docs.set('0', 1);
    expect([...walk]).toEqual(['b', 'e']);
  });

  it('forgets every key on clear', () => {
    const docs = new OrderedDocuments<number>();
    docs.set('a', 1);
    docs.clear();
    docs.set('b', 1);
    expect([...docs.keysInOrder()]).toEqual(['b']);
  });

  it('keeps the order of any sequence of sets and deletes, a few or many at a time', () => {
    const operation = fc.tuple(fc.boolean(), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.array(operation, { maxLength: 200 }), { maxLength: 6 }), (steps) => {
        const docs = new OrderedDocuments<number>();
        const model = new Set<string>();
        for (const step of steps) {
          for (const [add, key] of step) {
            if (add) {
              docs.set(key, 1);
              model.add(key);
            } else {
              docs.delete(key);
              model.delete(key);
            }
          }
          expect([...docs.keysInOrder()]).toEqual(sorted(model));
        }
      }),
    );
  });
});
