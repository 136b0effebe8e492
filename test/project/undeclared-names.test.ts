import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import { undeclaredNameWarnings } from '../../src/project/undeclared-names.ts';
import { defineFunction } from '../../src/testing/define-function.ts';

const warnings = (code: string) =>
  undeclaredNameWarnings(
    parseDefinition(
      defineFunction({
        name: 'copy',
        source: 'src',
        buckets: { dst_bkt: 'dst', lookup: { keyspace: 'ref', access: 'r' } },
        urls: { api: 'https://api.example.com' },
        constants: { LIMIT: '10' },
        code,
      }),
    ).definition,
    'functions/copy/handler.js',
  );

describe('names a handler uses that nothing defines', () => {
  it('warns about an alias from other docs at its first use, listing the real aliases', () => {
    const found = warnings(`function OnUpdate(doc, meta) {
  dst_col[meta.id] = doc;
  dst_col[meta.id + '2'] = doc;
}`);
    expect(found).toEqual([
      {
        path: 'functions/copy/handler.js:2:3',
        message:
          'dst_col is not defined: not a binding or constant of this function, not an Eventing global, not declared in the code (it fails with ReferenceError when this line runs). Its aliases: bucket bindings dst_bkt (read-write), lookup (read-only); URL bindings api; constants LIMIT.',
      },
    ]);
  });

  it('knows the language, Eventing globals, bindings and everything declared in the code', () => {
    const code = `var seen = 0;
function helper(x) { return JSON.stringify(x) + Math.max(1, LIMIT); }
class Cache { static of(v) { return new Map([[v, v]]); } }
function OnUpdate(doc, meta) {
  const copy = { ...doc };
  let [a, { b }] = [1, { b: 2 }];
  try { dst_bkt[meta.id] = helper(copy); } catch (e) { log('failed', e, a, b); }
  var r = SELECT * FROM \`travel\` WHERE id = $id;
  var id = meta.id;
  for (const row of r) log(row, lookup[meta.id], Cache.of(seen));
  curl('GET', api, {}); createTimer(OnTimer, new Date(), meta.id, {});
  couchbase.get(dst_bkt, meta); crc64(doc); N1QL('SELECT 1'); undefined; NaN; globalThis;
  if (e instanceof KVError || e instanceof N1QLError) throw new EventingError('x');
  implicit = 1; log(implicit);
  if (typeof maybeThere !== 'undefined') log('exists');
}
function OnTimer(context) { log(context); }`;
    expect(warnings(code)).toEqual([
      expect.objectContaining({ path: 'functions/copy/handler.js:13:7' }),
    ]);
  });

  it('says nothing about code that does not parse (its compile error does)', () => {
    expect(warnings('function OnUpdate(doc, meta) { nope[ }')).toEqual([]);
  });
});
