import { afterEach, describe, expect, it } from 'vitest';
import { emulator, handler, logged } from '../../helpers/emulator.ts';

// An isolate keeps the local time zone it first computed local times in: V8 is told of a change
// of the process's TZ for Node's own isolate only. So an isolate is reused only under the TZ it
// was made under, or a test suite that sets process.env.TZ would leak its zone into later tests.

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const HOURS = 'function OnUpdate(doc, meta) { log(new Date(0).getHours()); }';

async function hourOfEpoch(): Promise<string[]> {
  const em = await emulator();
  const fn = await em.deploy(handler(HOURS));
  await em.upsert('src', 'k', {});
  await em.dispose();
  return logged(fn);
}

describe('the isolate pool and the process time zone', () => {
  it('never hands a function an isolate that computed local times under another TZ', async () => {
    process.env.TZ = 'Asia/Tokyo';
    // Several at once, so that several isolates go back to the pool.
    expect(await Promise.all([hourOfEpoch(), hourOfEpoch(), hourOfEpoch()])).toEqual([
      ['9 '],
      ['9 '],
      ['9 '],
    ]);
    process.env.TZ = 'UTC';
    expect(await Promise.all([hourOfEpoch(), hourOfEpoch(), hourOfEpoch()])).toEqual([
      ['0 '],
      ['0 '],
      ['0 '],
    ]);
  });
});
