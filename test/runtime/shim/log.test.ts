import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

async function logOf(argumentsSource: string): Promise<string[]> {
  const { em, fn } = await deployed(`function OnUpdate(doc, meta) { log(${argumentsSource}); }`);
  await em.upsert('src', 'k', {});
  return logged(fn);
}

describe('log() formatting', () => {
  it('writes each argument as JSON followed by one space', async () => {
    expect(await logOf("'id', meta.id, 42, true, null, [1, 'a'], { a: { b: 1 } }")).toEqual([
      '"id" "k" 42 true null [1,"a"] {"a":{"b":1}} ',
    ]);
  });

  it('writes undefined, functions and symbols as undefined', async () => {
    expect(await logOf('undefined, function f() {}, Symbol("s")')).toEqual([
      'undefined undefined undefined ',
    ]);
  });

  it('writes native errors as the JSON string of their toString()', async () => {
    expect(await logOf("new TypeError('bad'), new RangeError('far')")).toEqual([
      '"TypeError: bad" "RangeError: far" ',
    ]);
  });

  it('writes Eventing errors as objects with message and stack', async () => {
    const [line] = await logOf("new KVError('gone')");
    expect(JSON.parse(line as string)).toMatchObject({
      message: 'gone',
      stack: expect.stringMatching(/^Error\n/),
    });
  });

  it('writes ArrayBuffers and Maps as {} and Dates as quoted ISO strings', async () => {
    expect(
      await logOf('new ArrayBuffer(4), new Map([[1, 2]]), new Date(Date.UTC(2026, 0, 2))'),
    ).toEqual(['{} {} "2026-01-02T00:00:00.000Z" ']);
  });

  it('writes an empty message when called without arguments', async () => {
    expect(await logOf('')).toEqual(['']);
  });

  it('writes the text so far and then throws when an argument cannot be stringified', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
      var cycle = {}; cycle.self = cycle;
      try { log('before', cycle, 'after'); } catch (e) { log(e instanceof TypeError); }
    }`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual(['"before" ', 'true ']);
  });

  it('prefixes every line with a local timestamp and [INFO]', async () => {
    const { em, fn } = await deployed("function OnUpdate(doc, meta) { log('x'); }");
    await em.upsert('src', 'k', {});
    // The test workers run with TZ=UTC; the emulator clock starts at 2026-01-01T00:00:00Z.
    expect(fn.logs).toEqual(['2026-01-01T00:00:00.000+00:00 [INFO] "x" ']);
  });
});
