import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

// Argument checks of couchbase.* (spec runtime §4.1, §4.8): one handler call per message, each
// caught and logged as `<class> <message>`, and every failure counted.

const CATCH = `function attempt(call) {
  try { call(); log('no error'); }
  catch (e) { log(e instanceof TypeError ? 'TypeError' : e instanceof EventingError ? 'EventingError' : 'other', e.message); }
}`;

async function attempts(calls: string[], spec: Parameters<typeof deployed>[1] = {}) {
  const body = calls.map((call) => `attempt(function () { ${call}; });`).join('\n');
  const { em, fn } = await deployed(`${CATCH}\nfunction OnUpdate(doc, meta) {\n${body}\n}`, spec);
  await em.upsert('src', 'k', {});
  expect(fn.failures).toEqual([]);
  return { lines: logged(fn).map((line) => line.trimEnd()), fn, em };
}

const typeError = (message: string) => `"TypeError" ${JSON.stringify(message)}`;
const eventingError = (message: string) => `"EventingError" ${JSON.stringify(message)}`;

describe('binding and meta arguments', () => {
  it('refuses a missing binding and an object that is not a binding', async () => {
    const { lines, fn } = await attempts([
      "couchbase.get(undefined, {id: 'a'})",
      "couchbase.get({}, {id: 'a'})",
      "couchbase.upsert('dst', {id: 'a'}, 1)",
    ]);
    expect(lines).toEqual([
      typeError('1st argument should be object'),
      typeError('1st argument should be bucket object'),
      typeError('1st argument should be bucket object'),
    ]);
    expect(fn.stats.failure_stats.bucket_op_exception_count).toBe(3);
  });

  it('refuses a meta that is not an object, has no id, or has an unusable id', async () => {
    const { lines } = await attempts([
      'couchbase.get(dst, 5)',
      'couchbase.get(dst, {})',
      'couchbase.get(dst, {id: undefined})',
      'couchbase.get(dst, {id: function () {}})',
      "couchbase.get(dst, {id: Symbol('s')})",
      "couchbase.get(dst, {id: ''})",
    ]);
    expect(lines).toEqual([
      typeError('2nd argument should be object'),
      typeError('document key is not present in 2nd argument'),
      typeError('Invalid data type for metaId: "undefined" is not a valid type'),
      typeError('Invalid data type for metaId: "function" is not a valid type'),
      typeError('Invalid data type for metaId: "symbol" is not a valid type'),
      typeError('document key cannot be empty'),
    ]);
  });

  it('stringifies a non-string id', async () => {
    const { em, fn } = await deployed(
      "function OnUpdate(doc, meta) { couchbase.upsert(dst, {id: 5}, 'five'); log(couchbase.get(dst, {id: 5}).meta.id); }",
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"5" ']);
    expect(em.get('dst', '5')?.value).toBe('five');
  });

  it('wants cas as a string and expiry_date as a Date where the operation reads them', async () => {
    const { lines } = await attempts([
      "couchbase.replace(dst, {id: 'a', cas: 5}, 1)",
      "couchbase.upsert(dst, {id: 'a', expiry_date: 5}, 1)",
      "couchbase.upsert(dst, {id: 'a', cas: 5}, 1)",
      "couchbase.increment(dst, {id: 'n', expiry_date: 'soon'})",
    ]);
    expect(lines).toEqual([
      typeError('cas should be a string'),
      typeError('expiry should be a date object'),
      '"no error"',
      '"no error"',
    ]);
  });

  it('ignores the extra fields of an event meta, and meta.keyspace for a non-wildcard binding', async () => {
    const { lines } = await attempts([
      "couchbase.upsert(dst, {id: 'x', vb: 3, seq: 9, keyspace: {scope_name: 'other', collection_name: 'c'}}, 1)",
    ]);
    expect(lines).toEqual(['"no error"']);
  });

  it('needs meta.keyspace for the * parts of a wildcard binding', async () => {
    const { lines } = await attempts(
      [
        "couchbase.get(all, {id: 'a'})",
        "couchbase.get(all, {id: 'a', keyspace: {scope_name: 's'}})",
        "couchbase.get(any, {id: 'a', keyspace: {}})",
      ],
      { buckets: { all: 'dst.*.*', any: 'dst.s.*' } },
    );
    expect(lines).toEqual([
      eventingError(
        'Inconsistent wildcard usage. scope_name should be provided in the meta object',
      ),
      eventingError(
        'Inconsistent wildcard usage. collection_name should be provided in the meta object',
      ),
      eventingError(
        'Inconsistent wildcard usage. collection_name should be provided in the meta object',
      ),
    ]);
  });
});

describe('values and options', () => {
  it('refuses undefined, function and symbol documents', async () => {
    const { lines } = await attempts([
      "couchbase.insert(dst, {id: 'a'}, undefined)",
      "couchbase.upsert(dst, {id: 'a'}, function () {})",
      "couchbase.replace(dst, {id: 'a'}, Symbol('s'))",
    ]);
    expect(lines).toEqual([
      typeError('Invalid data type for 3rd argument: "undefined" is not a valid type'),
      typeError('Invalid data type for 3rd argument: "function" is not a valid type'),
      typeError('Invalid data type for 3rd argument: "symbol" is not a valid type'),
    ]);
  });

  it('wants options as an object with boolean cache and self_recursion', async () => {
    const { lines } = await attempts([
      "couchbase.upsert(dst, {id: 'a'}, 1, 'fast')",
      "couchbase.upsert(dst, {id: 'a'}, 1, {self_recursion: 'yes'})",
      "couchbase.get(dst, {id: 'a'}, {cache: 1})",
      "couchbase.upsert(dst, {id: 'a'}, 1, null)",
    ]);
    expect(lines).toEqual([
      typeError('options argument, if present, must be object'),
      typeError("the 'recursion' parameter in options should be a boolean"),
      typeError("the 'cache' parameter in options should be a boolean"),
      '"no error"',
    ]);
  });

  it('counts arguments of the natives called directly', async () => {
    const { lines } = await attempts([
      'couchbase.increment(dst)',
      'couchbase.insertInternal(dst, {id: 1})',
    ]);
    expect(lines).toEqual([
      typeError('couchbase.increment requires at least 2 arguments'),
      typeError('couchbase.insert requires at least 3 arguments'),
    ]);
  });
});

describe('read-only bindings', () => {
  it('refuse every write with the server texts but allow get and lookupIn', async () => {
    const { lines, em } = await attempts(
      [
        "couchbase.insert(ro, {id: 'a'}, 1)",
        "couchbase.upsert(ro, {id: 'a'}, 1)",
        "couchbase.replace(ro, {id: 'a'}, 1)",
        "couchbase.increment(ro, {id: 'a'})",
        "couchbase.decrement(ro, {id: 'a'})",
        "couchbase.mutateIn(ro, {id: 'a'}, [couchbase.MutateInSpec.upsert('x', 1)])",
        "couchbase.delete(ro, {id: 'a'})",
        "couchbase.touch(ro, {id: 'a'})",
        "couchbase.get(ro, {id: 'a'})",
        "couchbase.lookupIn(ro, {id: 'a'}, [couchbase.LookupInSpec.get('x')])",
      ],
      { buckets: { ro: { keyspace: 'dst', access: 'r' } } },
    );
    const writing = eventingError('Writing to source bucket is forbidden');
    expect(lines).toEqual([
      writing,
      writing,
      writing,
      writing,
      writing,
      writing,
      eventingError('Delete from source bucket is forbidden'),
      eventingError('Touch operation is forbidden'),
      '"no error"',
      '"no error"',
    ]);
    expect(em.keys('dst')).toEqual([]);
  });

  it('are checked before meta by the natives, after it by the wrappers (bindingDetails first)', async () => {
    const { lines } = await attempts(['couchbase.increment(ro, 5)', 'couchbase.insert(ro, 5, 1)'], {
      buckets: { ro: { keyspace: 'dst', access: 'r' } },
    });
    expect(lines).toEqual([
      eventingError('Writing to source bucket is forbidden'),
      typeError('2nd argument should be object'),
    ]);
  });
});

describe('sub-document specs', () => {
  it('refuse malformed mutateIn specs', async () => {
    const { lines } = await attempts([
      "couchbase.mutateIn(dst, {id: 'a'}, 'specs')",
      "couchbase.mutateIn(dst, {id: 'a'}, [5])",
      "couchbase.mutateIn(dst, {id: 'a'}, [{path: 'x'}])",
      "couchbase.mutateIn(dst, {id: 'a'}, [{spec_type: 1.5, path: 'x', value: '1'}])",
      "couchbase.mutateIn(dst, {id: 'a'}, [{spec_type: 9, path: 'x', value: '1'}])",
      "couchbase.mutateIn(dst, {id: 'a'}, [couchbase.MutateInSpec.upsert('x', undefined)])",
      "couchbase.mutateIn(dst, {id: 'a'}, [couchbase.MutateInSpec.upsert('x', 1, 'opts')])",
      "couchbase.mutateIn(dst, {id: 'a'}, [couchbase.MutateInSpec.upsert('x', 1, {create_path: 1})])",
      "couchbase.mutateIn(dst, {id: 'a'}, [couchbase.MutateInSpec.upsert('x', 1, {xattrs: 'y'})])",
      "couchbase.mutateIn(dst, {id: 'a'}, [couchbase.MutateInSpec.upsert('_sys', 1, {xattrs: true})])",
      "couchbase.mutateIn(dst, {id: 'a'}, [couchbase.MutateInSpec.upsert('sixteen_chars_xx.a', 1, {xattrs: true})])",
    ]);
    expect(lines).toEqual([
      typeError("the 'MutateInSpecs' parameter should be an array"),
      typeError('Array elements should be an object'),
      typeError('field not provided'),
      typeError("'spec_type' should be an integer"),
      typeError('Invalid specs'),
      typeError('field not provided'),
      typeError('Option elements should be an object'),
      typeError('create_path must be a boolean value'),
      typeError('xattr must be a boolean value'),
      typeError('XATTR path cannot start with underscore'),
      typeError('XATTR key size must be less than 16 characters'),
    ]);
  });

  it('refuse malformed lookupIn specs, in lower case', async () => {
    const { lines } = await attempts([
      "couchbase.lookupIn(dst, {id: 'a'}, {})",
      "couchbase.lookupIn(dst, {id: 'a'}, [{spec_type: 2, path: 'x'}])",
    ]);
    expect(lines).toEqual([
      typeError("the 'LookupInSpecs' parameter should be an array"),
      typeError('invalid specs'),
    ]);
  });
});
