import fc from 'fast-check';

// fast-check arbitraries for Eventing tests: JSON values and documents as they survive a trip
// through the Data service, document keys, and streams of mutations with the liberties the
// real change feed takes.

/** JSON values that come back unchanged from a JSON round trip (so no `-0`). */
export function jsonValue(): fc.Arbitrary<unknown> {
  return fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);
}

/** A JSON object, the usual shape of a document. */
export function document(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .dictionary(fc.string({ maxLength: 12 }), jsonValue(), { maxKeys: 8, noNullPrototype: true })
    .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}

const KEY_BYTES = 250;

/** A document key: non-empty, at most 250 bytes of UTF-8, as the Data service allows. */
export function key(): fc.Arbitrary<string> {
  return fc
    .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
    .filter((text) => Buffer.byteLength(text) <= KEY_BYTES);
}

/** One step of a mutation stream, as {@link applyMutations} runs it. */
export type Mutation =
  | { type: 'upsert'; keyspace: string; key: string; value: unknown; expiry?: number }
  | { type: 'remove'; keyspace: string; key: string }
  | { type: 'advance'; ms: number }
  /** Several writes of one key so quickly that the feed only delivers the last (DCP de-duplication). */
  | { type: 'burst'; keyspace: string; key: string; values: unknown[] }
  /** The feed delivers a key's current state again (after a pause/resume or a rollback). */
  | { type: 'redeliver'; keyspace: string; key: string };

export interface MutationsOptions {
  keyspace: string;
  /** The keys to write (default: one to four generated keys per run, so rewrites are common). */
  keys?: readonly string[];
  /** Documents written (default: {@link document}). */
  values?: fc.Arbitrary<unknown>;
  /**
   * `exact` (default): every write is delivered once. `feed`: also what the real feed may do —
   * collapse rapid updates of one key to the latest, and deliver a key again.
   */
  delivery?: 'exact' | 'feed';
  maxLength?: number;
}

/**
 * Sequences of upserts, removals, expiring writes and clock advances (and, with
 * `delivery: 'feed'`, bursts and redeliveries), for proving handlers idempotent and
 * order-safe.
 *
 * @example
 * await fc.assert(fc.asyncProperty(arbitraries.mutations({ keyspace: 'src', delivery: 'feed' }), async (steps) => {
 *   await applyMutations(em, steps);
 *   expect(em.count('dst')).toBe(em.count('src'));
 * }));
 */
export function mutations(options: MutationsOptions): fc.Arbitrary<Mutation[]> {
  if (options.keys?.length) return steps(options, fc.constantFrom(...options.keys));
  // Without keys, a few generated ones per run, so that one document is often written again.
  return fc
    .uniqueArray(key(), { minLength: 1, maxLength: 4 })
    .chain((keys) => steps(options, fc.constantFrom(...keys)));
}

function steps(options: MutationsOptions, keys: fc.Arbitrary<string>): fc.Arbitrary<Mutation[]> {
  const { keyspace } = options;
  const values = options.values ?? document();
  const kinds: fc.Arbitrary<Mutation>[] = [
    fc.record({
      type: fc.constant('upsert' as const),
      keyspace: fc.constant(keyspace),
      key: keys,
      value: values,
    }),
    fc.record({
      type: fc.constant('upsert' as const),
      keyspace: fc.constant(keyspace),
      key: keys,
      value: values,
      expiry: fc.integer({ min: 1, max: 3600 }),
    }),
    fc.record({ type: fc.constant('remove' as const), keyspace: fc.constant(keyspace), key: keys }),
    fc.record({
      type: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 3_600_000 }),
    }),
  ];
  if (options.delivery === 'feed') {
    kinds.push(
      fc.record({
        type: fc.constant('burst' as const),
        keyspace: fc.constant(keyspace),
        key: keys,
        values: fc.array(values, { minLength: 2, maxLength: 5 }),
      }),
      fc.record({
        type: fc.constant('redeliver' as const),
        keyspace: fc.constant(keyspace),
        key: keys,
      }),
    );
  }
  return fc.array(fc.oneof(...kinds), { maxLength: options.maxLength ?? 20 });
}
