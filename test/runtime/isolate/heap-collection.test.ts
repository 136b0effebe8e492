import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/definition/parse-definition.ts';
import { encodeEvents } from '../../../src/runtime/event-payload.ts';
import { prepareIsolate } from '../../../src/runtime/function-setup.ts';
import { FunctionIsolate } from '../../../src/runtime/isolate/function-isolate.ts';
import { HEAP_GROWTH_BEFORE_COLLECTION } from '../../../src/runtime/isolate/heap-collector.ts';
import { defineFunction } from '../../../src/testing/index.ts';
import { deployed, logged } from '../../helpers/emulator.ts';

const MiB = 1024 * 1024;
const LOUD = `function OnUpdate(doc, meta) { log(meta.id, 'x'.repeat(${10 * MiB})); }`;

const built: FunctionIsolate[] = [];
afterEach(() => {
  for (const isolate of built.splice(0)) isolate.dispose();
});

/** A function's isolate over a door that only takes log lines. */
function isolateOf(code: string): { isolate: FunctionIsolate; lines: string[] } {
  const lines: string[] = [];
  const door = (op: string, text?: unknown) => {
    if (op === 'log') lines.push(text as string);
    return undefined;
  };
  const { definition } = parseDefinition(defineFunction({ name: 'loud', source: 'src', code }));
  const setup = { definition, filename: 'loud.js', memoryLimitMb: 1400 };
  const { spec } = prepareIsolate({ ...setup, entryMode: 'sync', timeZone: undefined }, { door });
  const loaded = FunctionIsolate.create(spec);
  if (!('isolate' in loaded)) throw new Error(loaded.failure.message);
  built.push(loaded.isolate);
  return { isolate: loaded.isolate, lines };
}

function mutation(key: string) {
  const keyspace = { bucket: 'src', scope: '_default', collection: '_default' };
  const change = { kind: 'mutation' as const, keyspace, key, cas: '1', vb: 0, seq: 1 };
  const { json, binaries } = encodeEvents([
    { ...change, value: '{}', datatype: 'json', expiration: 0, xattrs: null },
  ]);
  return {
    json,
    binaries,
    timeoutMs: 60_000,
    batchMs: 60_000,
    now: undefined,
    writesLand: false,
    optionsRead: true,
  };
}

describe('an isolate whose handler makes big garbage', () => {
  it('is collected after a batch, so its used heap stays bounded', () => {
    const { isolate, lines } = isolateOf(LOUD);
    const used: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(isolate.runBatch(mutation(`k${i}`))).toEqual({ completed: 1 });
      used.push(isolate.usedHeapBytes);
    }
    expect(lines).toHaveLength(12);
    // Each invocation leaves more than 20 MiB of garbage (the string, its JSON, the line).
    for (const bytes of used) expect(bytes).toBeLessThan(HEAP_GROWTH_BEFORE_COLLECTION + 2 * MiB);
  });

  it('is collected after a batch entered off the Node thread too', async () => {
    const { isolate } = isolateOf(LOUD);
    for (let i = 0; i < 6; i++) {
      expect(await isolate.runBatchAsync(mutation(`k${i}`))).toEqual({ completed: 1 });
      expect(isolate.usedHeapBytes).toBeLessThan(HEAP_GROWTH_BEFORE_COLLECTION + 2 * MiB);
    }
  });

  it('keeps what the handler keeps alive', () => {
    const { isolate, lines } = isolateOf(`function OnUpdate(doc, meta) {
  var kept = globalThis.kept || (globalThis.kept = []);
  kept.push(JSON.stringify('k'.repeat(${4 * MiB})) + meta.id);
  log(kept.length, kept[0].slice(-2), 'x'.repeat(${10 * MiB}).length);
}`);
    for (let i = 0; i < 6; i++) isolate.runBatch(mutation(`k${i}`));
    expect(lines.at(-1)).toBe(`6 "k0" ${10 * MiB} `);
    expect(isolate.usedHeapBytes).toBeGreaterThan(6 * 4 * MiB);
  });
});

describe("V8's gc, used to collect an isolate's garbage", () => {
  const LOOK = `function OnUpdate(doc, meta) {
  if (meta.id === 'loud') { log('x'.repeat(${10 * MiB}).length); return; }
  log(typeof gc, 'gc' in globalThis, Object.getOwnPropertyNames(globalThis).filter(function (name) { return /gc/i.test(name); }));
}`;

  it('is out of reach of handlers, before and after a collection', async () => {
    const { em, fn } = await deployed(LOOK);
    await em.upsert('src', 'before', {});
    await em.upsert('src', 'loud', {});
    await em.upsert('src', 'after', {});
    const again = await em.deploy(defineFunction({ name: 'again', source: 'other', code: LOOK }));
    await em.upsert('other', 'next', {});
    expect(logged(fn)).toEqual([`"undefined" false [] `, `${10 * MiB} `, `"undefined" false [] `]);
    expect(logged(again)).toEqual([`"undefined" false [] `]);
  });

  it('stays out of other contexts of this process', async () => {
    const { em } = await deployed(LOOK);
    await em.upsert('src', 'loud', {});
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
