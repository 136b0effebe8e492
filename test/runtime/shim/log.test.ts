import { describe, expect, it } from 'vitest';
import { LOG_TEXT_CAP } from '../../../src/runtime/bindings/log/app-log.ts';
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

describe('log() lines longer than the cap', () => {
  // The in-memory window (4 MiB) holds one such line: each test looks at the newest.
  const cutAt = (text: string) => text.slice(0, LOG_TEXT_CAP);

  it('are cut in the isolate to the cap, as quoting the whole arguments would begin', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  log(meta.id, 'x'.repeat(${10 * 1024 * 1024}), 'never shown');
}`);
    await em.upsert('src', 'k', {});
    const long = logged(fn).at(-1);
    expect(long).toHaveLength(LOG_TEXT_CAP);
    expect(long).toBe(cutAt(`"k" "${'x'.repeat(LOG_TEXT_CAP)}`));
  });

  it('keep escapes and surrogate pairs up to the cut as they are', async () => {
    // Every code unit of the string is escaped to two or more, or is half a pair; with and
    // without its first code unit, a pair straddles the cut in one of the two.
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  var text = '"\\\\\\n\\u00e9\\ud83d\\ude00'.repeat(${Math.ceil(LOG_TEXT_CAP / 4)});
  log(doc.skip ? text.slice(1) : text);
}`);
    const text = '"\\\n\u00e9\ud83d\ude00'.repeat(Math.ceil(LOG_TEXT_CAP / 4));
    await em.upsert('src', 'a', { skip: false });
    expect(logged(fn).at(-1)).toBe(cutAt(`${JSON.stringify(text)} `));
    await em.upsert('src', 'b', { skip: true });
    expect(logged(fn).at(-1)).toBe(cutAt(`${JSON.stringify(text.slice(1))} `));
  });

  it('still throw for an argument past the cap that cannot be stringified', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  try { log('x'.repeat(${LOG_TEXT_CAP + 10}), 1n); } catch (e) { dst[meta.id] = e instanceof TypeError; }
}`);
    await em.upsert('src', 'k', {});
    expect(logged(fn).at(-1)).toBe(cutAt(`"${'x'.repeat(LOG_TEXT_CAP)}`));
    expect(em.get('dst', 'k')?.value).toBe(true);
  });

  it('are cut as the native error text they show', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  log(new Error('e'.repeat(${LOG_TEXT_CAP})));
}`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([cutAt(`"Error: ${'e'.repeat(LOG_TEXT_CAP)}`)]);
  });
});
