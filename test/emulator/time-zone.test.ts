import { describe, expect, it } from 'vitest';
import * as dateToEpoch from '../fixtures/documented-examples/date-to-epoch.ts';
import { deployed, emulator, handler, logged } from '../helpers/emulator.ts';

const LOCAL_TIMES = `function OnUpdate(doc, meta) {
  var d = new Date();
  log(d.getHours(), d.toString(), d.toLocaleString('en-US'),
    Intl.DateTimeFormat().resolvedOptions().timeZone, Date.parse('2026/07/01 12:00:00'));
}`;

describe('createEmulator({ timeZone })', () => {
  it('gives two emulators in one process their own zones, app log timestamps included', async () => {
    const now = '2026-07-01T12:00:00Z';
    const west = await deployed(LOCAL_TIMES, {}, { now, timeZone: 'America/Los_Angeles' });
    const east = await deployed(LOCAL_TIMES, {}, { now, timeZone: 'Asia/Kolkata' });
    await west.em.upsert('src', 'k', {});
    await east.em.upsert('src', 'k', {});
    expect(west.fn.logs).toEqual([
      '2026-07-01T05:00:00.000-07:00 [INFO] 5 "Wed Jul 01 2026 05:00:00 GMT-0700 (Pacific Daylight Time)" "7/1/2026, 5:00:00 AM" "America/Los_Angeles" 1782932400000 ',
    ]);
    expect(east.fn.logs).toEqual([
      `2026-07-01T17:30:00.000+05:30 [INFO] 17 "Wed Jul 01 2026 17:30:00 GMT+0530 (India Standard Time)" "7/1/2026, 5:30:00 PM" ${JSON.stringify(Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kolkata' }).resolvedOptions().timeZone)} 1782887400000 `,
    ]);
  });

  it('leaves local time to the process without one', async () => {
    const { em, fn } = await deployed(LOCAL_TIMES, {}, { now: '2026-07-01T12:00:00Z' });
    await em.upsert('src', 'k', {});
    // The test runs with TZ=UTC (vitest.config.ts).
    expect(logged(fn)).toEqual([
      '12 "Wed Jul 01 2026 12:00:00 GMT+0000 (Coordinated Universal Time)" "7/1/2026, 12:00:00 PM" "UTC" 1782907200000 ',
    ]);
  });

  it('keeps timers and expiries in absolute time', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
        var at = new Date(); at.setHours(at.getHours() + 1);
        createTimer(Ring, at, meta.id);
      }
      function Ring() { log(new Date().toString()); }`,
      {},
      { now: '2026-03-08T09:30:00Z', timeZone: 'America/Los_Angeles' },
    );
    await em.upsert('src', 'k', {});
    await em.advance('1h');
    // 01:30 PST plus an hour of wall clock is 03:30 PDT: the clock skipped 02:00-03:00.
    expect(logged(fn)).toEqual(['"Sun Mar 08 2026 03:30:00 GMT-0700 (Pacific Daylight Time)" ']);
  });

  it('refuses a zone Intl does not know, saying which names work', async () => {
    await expect(emulator({ timeZone: 'Mars/Olympus_Mons' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'Unknown time zone "Mars/Olympus_Mons"',
      hint: expect.stringContaining("'America/Los_Angeles'"),
    });
  });

  it(`replays the documented example ${dateToEpoch.page}`, async () => {
    const em = await emulator({ timeZone: dateToEpoch.timeZone });
    await em.deploy(
      handler(dateToEpoch.handler, {
        name: 'dateToEpochConversion',
        source: 'bulk.data.source',
        buckets: { src_col: 'bulk.data.source' },
      }),
    );
    await em.upsert('bulk.data.source', dateToEpoch.input.key, dateToEpoch.input.value);
    expect(em.get('bulk.data.source', dateToEpoch.input.key)?.value).toEqual(dateToEpoch.output);
  });
});
