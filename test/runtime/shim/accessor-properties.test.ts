import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulator, handler, logged } from '../../helpers/emulator.ts';

// Properties of the advanced accessors, each run against one deployed function: the test writes
// an instruction document to the source keyspace and reads what the handler logged.

async function withHandler(code: string) {
  const em = await emulator();
  const fn = await em.deploy(handler(code));
  let runs = 0;
  /** Runs the handler once on `doc` and returns its one log line, parsed. */
  return async (doc: unknown): Promise<string> => {
    await em.upsert('src', `run${runs++}`, doc);
    expect(fn.failures).toEqual([]);
    return JSON.parse(logged(fn).at(-1) ?? 'null');
  };
}

/** The value as the Data service keeps it: JSON text parsed again (-0 becomes 0). */
const asStored = (value: unknown) => JSON.parse(JSON.stringify(value));

const utf8 = new TextDecoder('utf-8', { fatal: true });
function jsonText(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

describe('advanced accessor properties', () => {
  it('any JSON value round-trips through upsert and get unchanged', async () => {
    const run = await withHandler(`function OnUpdate(doc, meta) {
      couchbase.upsert(dst, {id: meta.id}, doc.value);
      var got = couchbase.get(dst, {id: meta.id});
      log(JSON.stringify([got.doc, got.meta.datatype]));
    }`);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect(await run({ value })).toEqual(JSON.stringify([asStored(value), 'json']));
      }),
      { numRuns: 60 },
    );
  });

  it('any byte array round-trips as an ArrayBuffer (or as JSON, when its bytes are JSON text)', async () => {
    const run = await withHandler(`function OnUpdate(doc, meta) {
      couchbase.upsert(dst, {id: meta.id}, new Uint8Array(doc.bytes).buffer);
      var got = couchbase.get(dst, {id: meta.id});
      var doc = got.doc instanceof ArrayBuffer ? Array.from(new Uint8Array(got.doc)) : got.doc;
      log(JSON.stringify([got.meta.datatype, doc]));
    }`);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const text = jsonText(bytes);
        const expected = text === undefined ? ['binary', [...bytes]] : ['json', JSON.parse(text)];
        expect(await run({ bytes: [...bytes] })).toEqual(JSON.stringify(expected));
      }),
      { numRuns: 60 },
    );
  });

  it('every write gives a new CAS, and a stale CAS always fails', async () => {
    const run = await withHandler(`function OnUpdate(doc, meta) {
      var id = {id: meta.id};
      var seen = [couchbase.insert(dst, id, {}).meta.cas];
      doc.writes.forEach(function (w, i) {
        // Objects keep mutateIn and increment applicable after any write.
        var r = w === 'upsert' ? couchbase.upsert(dst, id, {i: i})
          : w === 'replace' ? couchbase.replace(dst, id, {i: i})
          : w === 'touch' ? couchbase.touch(dst, id)
          : w === 'mutateIn' ? couchbase.mutateIn(dst, id, [couchbase.MutateInSpec.upsert('i', i)])
          : couchbase.increment(dst, id);
        seen.push(r.meta.cas);
      });
      var stale = seen[doc.stale % (seen.length - 1)];
      log(JSON.stringify({ seen: seen,
        replace: couchbase.replace(dst, {id: meta.id, cas: stale}, 'x').error.cas_mismatch,
        mutateIn: couchbase.mutateIn(dst, {id: meta.id, cas: stale}, [couchbase.MutateInSpec.upsert('x', 1)]).error.cas_mismatch,
        remove: couchbase.delete(dst, {id: meta.id, cas: stale}).error.cas_mismatch }));
    }`);
    const write = fc.constantFrom('upsert', 'replace', 'touch', 'mutateIn', 'increment');
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (writes, stale) => {
          const result = JSON.parse(await run({ writes, stale }));
          expect(new Set(result.seen).size).toBe(writes.length + 1);
          expect(result).toMatchObject({ replace: true, mutateIn: true, remove: true });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a counter equals the sum of its deltas after every step', async () => {
    const run = await withHandler(`function OnUpdate(doc, meta) {
      log(JSON.stringify(doc.deltas.map(function (d) {
        return (d > 0 ? couchbase.increment : couchbase.decrement)(dst, {id: meta.id}).doc.count;
      })));
    }`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(1, -1), { maxLength: 30 }), async (deltas) => {
        let sum = 0;
        expect(JSON.parse(await run({ deltas }))).toEqual(deltas.map((d) => (sum += d)));
      }),
      { numRuns: 40 },
    );
  });

  it('lookupIn returns exactly what mutateIn wrote, in the body and in xattrs', async () => {
    const run = await withHandler(`function OnUpdate(doc, meta) {
      var M = couchbase.MutateInSpec, L = couchbase.LookupInSpec;
      var paths = Object.keys(doc.fields);
      couchbase.upsert(dst, {id: meta.id}, {});
      var mutated = couchbase.mutateIn(dst, {id: meta.id}, paths.map(function (p) {
        return M.upsert(p, doc.fields[p], {create_path: true, xattrs: p.charAt(0) === 'x'});
      }));
      var found = couchbase.lookupIn(dst, {id: meta.id}, paths.map(function (p) {
        return L.get(p, {xattrs: p.charAt(0) === 'x'});
      }));
      log(JSON.stringify([mutated.success, found.doc.map(function (e) { return e.value; })]));
    }`);
    const name = fc.stringMatching(/^[a-wyz][a-z0-9_]{0,8}$/);
    const path = fc.oneof(
      name,
      name.map((n) => `x${n}`),
      fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(path, fc.jsonValue(), { maxKeys: 6 }), async (fields) => {
        // A path that is a prefix of another would be overwritten by it: keep the independent ones.
        const paths = Object.keys(fields).filter(
          (p) =>
            !Object.keys(fields).some(
              (q) => q !== p && (q.startsWith(`${p}.`) || p.startsWith(`${q}.`)),
            ),
        );
        const independent = Object.fromEntries(paths.map((p) => [p, fields[p]]));
        const expected = paths.map((p) => asStored(independent[p]));
        expect(await run({ fields: independent })).toEqual(JSON.stringify([true, expected]));
      }),
      { numRuns: 40 },
    );
  });
});
