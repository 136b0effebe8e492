import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import { functionWrites, recursionProblems } from '../../src/runtime/recursion.ts';
import { defineFunction, type FunctionSpec } from '../../src/testing/index.ts';

const writes = (spec: Partial<FunctionSpec> & { name: string; source: string }) =>
  functionWrites(
    parseDefinition(defineFunction({ code: 'function OnUpdate(doc, meta) {}', ...spec }))
      .definition,
  );

describe('functionWrites', () => {
  it('lists read-write bindings, inline SQL++ DML targets and the metadata keyspace', () => {
    const fn = writes({
      name: 'a',
      source: 'src',
      buckets: { dst: 'dst', ref: { keyspace: 'ref', access: 'r' } },
      code: `function OnUpdate(doc, meta) {
  var id = meta.id;
  UPSERT INTO shop.sales.audit (KEY, VALUE) VALUES ($id, {});
}`,
    });
    expect(fn.writes.map((w) => [w.via, w.keyspace])).toEqual([
      ['binding dst', { bucket: 'dst', scope: '_default', collection: '_default' }],
      ['SQL++ at line 3', { bucket: 'shop', scope: 'sales', collection: 'audit' }],
      ['metadata', { bucket: 'eventing', scope: '_default', collection: '_default' }],
    ]);
    expect(fn.sourceBucketMutation).toBe(false);
  });

  it('marks a function that writes its own source through a binding', () => {
    expect(
      writes({ name: 'a', source: 'src', buckets: { self: 'src' } }).sourceBucketMutation,
    ).toBe(true);
  });
});

describe('recursionProblems', () => {
  it('allows a function that writes its own source: those writes are not delivered back', () => {
    const self = writes({ name: 'a', source: 'src', buckets: { self: 'src' } });
    expect(recursionProblems(self, [])).toEqual([]);
  });

  it('refuses the function that closes a cycle, naming the functions and each link', () => {
    const a = writes({ name: 'a', source: 'one', buckets: { out: 'two' } });
    const b = writes({ name: 'b', source: 'two', buckets: { out: 'three' } });
    const c = writes({ name: 'c', source: 'three', buckets: { back: 'one' } });
    expect(recursionProblems(a, [b])).toEqual([]);
    const [problem] = recursionProblems(c, [a, b]);
    expect(problem).toEqual({
      kind: 'inter_bucket_recursion',
      cycle: ['c', 'a', 'b', 'c'],
      message:
        'Inter bucket recursion error; function: c causes a cycle involving functions: [a b], hence deployment is disallowed',
      links: [
        'c writes one._default._default (binding back), the source of a',
        'a writes two._default._default (binding out), the source of b',
        'b writes three._default._default (binding out), the source of c',
      ],
    });
    expect(recursionProblems(c, [a, b], true)).toEqual([]);
  });

  it('sees cycles through SQL++ DML and through wildcard keyspaces', () => {
    const a = writes({
      name: 'a',
      source: 'shop.sales.orders',
      code: 'function OnUpdate(doc, meta) { DELETE FROM shop.archive.orders WHERE x = 1; }',
    });
    const b = writes({
      name: 'b',
      source: 'shop.archive.*',
      buckets: { out: 'shop.sales.orders' },
    });
    expect(recursionProblems(b, [a])[0]).toMatchObject({ cycle: ['b', 'a', 'b'] });
  });

  it('sees a cycle through a metadata keyspace', () => {
    const a = writes({ name: 'a', source: 'src', metadata: 'meta', buckets: {} });
    const b = writes({ name: 'b', source: 'meta', buckets: { out: 'src' } });
    expect(recursionProblems(b, [a])[0]).toMatchObject({ cycle: ['b', 'a', 'b'] });
  });

  it('refuses a second function that writes to the source it shares with another such function', () => {
    const a = writes({ name: 'a', source: 'src', buckets: { self: 'src' } });
    const b = writes({ name: 'b', source: 'src', buckets: { self: 'src' } });
    const reader = writes({ name: 'c', source: 'src', buckets: { out: 'dst' } });
    expect(recursionProblems(b, [a])).toEqual([
      {
        kind: 'inter_function_recursion',
        other: 'a',
        message: 'Inter handler recursion error with app: a',
      },
    ]);
    expect(recursionProblems(reader, [a])).toEqual([]);
  });

  it('checks neither rule when inter-bucket recursion is allowed, as the server skips both', () => {
    const a = writes({ name: 'a', source: 'src', buckets: { self: 'src', out: 'dst' } });
    const b = writes({ name: 'b', source: 'src', buckets: { self: 'src' } });
    const back = writes({ name: 'back', source: 'dst', buckets: { out: 'src' } });
    expect(recursionProblems(b, [a])).toHaveLength(1);
    expect(recursionProblems(back, [a])).toHaveLength(1);
    expect(recursionProblems(b, [a], true)).toEqual([]);
    expect(recursionProblems(back, [a], true)).toEqual([]);
  });

  it('names scoped functions by their location, bucket/scope/name, as the server does', () => {
    const scoped = (spec: FunctionSpec) => {
      const { definition } = parseDefinition(defineFunction(spec));
      return functionWrites({ ...definition, function_scope: { bucket: 'shop', scope: 'sales' } });
    };
    const code = 'function OnUpdate(doc, meta) {}';
    const a = scoped({ name: 'a', source: 'one', buckets: { out: 'two' }, code });
    const b = scoped({ name: 'b', source: 'two', buckets: { back: 'one' }, code });
    expect(recursionProblems(b, [a])[0]?.message).toBe(
      'Inter bucket recursion error; function: shop/sales/b causes a cycle involving functions: [shop/sales/a], hence deployment is disallowed',
    );
  });

  it('closes no cycle through a write to a wildcard keyspace, which the server leaves out of its graph', () => {
    const a = writes({
      name: 'a',
      source: 'shop.sales.orders',
      buckets: { out: 'shop.archive.*' },
    });
    const b = writes({
      name: 'b',
      source: 'shop.archive.orders',
      buckets: { back: 'shop.sales.orders' },
    });
    expect(recursionProblems(b, [a])).toEqual([]);
  });

  it('ignores the function itself among the deployed ones (a redeploy)', () => {
    const a = writes({ name: 'a', source: 'src', buckets: { self: 'src' } });
    expect(recursionProblems(a, [a])).toEqual([]);
  });
});

describe('SQL++ DML into the source', () => {
  const dml = writes({
    name: 'a',
    source: 'src',
    code: 'function OnUpdate(doc, meta) {\n  DELETE FROM src WHERE stale = true;\n}',
  });

  it('is the first problem, with the server’s description and where it is', () => {
    const [problem] = recursionProblems(dml, []);
    expect(problem).toMatchObject({
      kind: 'dml_into_source',
      message: 'Function: a N1QL DML to source keyspace default:src',
      write: { position: { line: 2, column: 3 } },
    });
  });

  it('is allowed when the cluster allows inter-bucket recursion', () => {
    expect(recursionProblems(dml, [], true)).toEqual([]);
  });
});
