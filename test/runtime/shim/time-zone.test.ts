import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { emulator, handler } from '../../helpers/emulator.ts';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

// Everything a handler can ask Date and Intl about local time, for one instant. Run both in the
// isolate (with the emulator's zone) and here (with the process's TZ set to the same zone), V8's
// own local time being the oracle.
const probe = `function probe(t) {
  var d = new Date(t);
  var pad = function (n) { return String(n).padStart(2, '0'); };
  var y = d.getFullYear(), mo = d.getMonth(), da = d.getDate(), h = d.getHours(), mi = d.getMinutes(), s = d.getSeconds();
  var set = function (name, args) { var c = new Date(t); c[name].apply(c, args); return c.getTime(); };
  return [
    y, mo, da, d.getDay(), h, mi, s, d.getMilliseconds(), d.getTimezoneOffset(), d.getYear(),
    d.toString(), d.toDateString(), d.toTimeString(), String(d), '' + d,
    d.toLocaleString('en-US'), d.toLocaleString('en-GB'), d.toLocaleDateString('de-DE'),
    d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }),
    d.toLocaleString('en-US', { timeZone: 'Asia/Tokyo' }),
    new Intl.DateTimeFormat('en-US', { hour: 'numeric', timeZoneName: 'short' }).format(d),
    Intl.DateTimeFormat().resolvedOptions().timeZone,
    new Date(y, mo, da, h, mi, s, d.getMilliseconds()).getTime(),
    new Date(y, mo, da, 2, 30).getTime(), new Date(y, mo, da, 1, 30).getTime(),
    Date.parse(d.toString()), Date.parse(y + '/' + pad(mo + 1) + '/' + pad(da) + ' ' + pad(h) + ':' + pad(mi) + ':' + pad(s)),
    Date.parse(y + '-' + pad(mo + 1) + '-' + pad(da) + 'T' + pad(h) + ':' + pad(mi)),
    Date.parse(y + '-' + pad(mo + 1) + '-' + pad(da)), new Date('March 8, ' + y).getTime(),
    Date.parse(y + '/' + pad(mo + 1) + '/' + pad(da) + ' 12:00:00 +02:00'),
    set('setHours', [h + 1]), set('setHours', [2, 30]), set('setMinutes', [mi - 90]), set('setDate', [1]),
    set('setMonth', [mo + 6]), set('setFullYear', [y - 1]), set('setSeconds', [0, 5]),
    set('setMilliseconds', [1500]), set('setYear', [99]),
  ];
}`;

const ZONES = [
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
  'UTC',
];

// Around the 2026 changes in Los Angeles (8 March 10:00Z, 1 November 09:00Z) and London.
const EDGES = [
  Date.UTC(2026, 2, 8, 9, 30),
  Date.UTC(2026, 2, 8, 10, 0),
  Date.UTC(2026, 2, 8, 10, 30),
  Date.UTC(2026, 10, 1, 8, 30),
  Date.UTC(2026, 10, 1, 9, 30),
  Date.UTC(2026, 2, 29, 0, 30),
  Date.UTC(2026, 2, 29, 1, 30),
  Date.UTC(2026, 9, 25, 0, 30),
  Date.UTC(2026, 9, 25, 1, 30),
  Date.UTC(1974, 0, 6, 10, 0),
  Date.UTC(2009, 5, 29, 20, 30, 10, 333),
];

function expected(zone: string, instants: number[]): unknown[] {
  process.env.TZ = zone;
  // The same probe source runs in the isolate.
  const run = new Function(`${probe}; return probe;`)() as (t: number) => unknown[];
  return instants.map(run);
}

async function inIsolate(zone: string, instants: number[], processTz: string) {
  const em = await emulator({ timeZone: zone });
  await em.deploy(
    handler(`${probe}
      function OnUpdate(doc, meta) { dst[meta.id] = doc.instants.map(probe); }`),
  );
  // The isolate's answers must not depend on the process's own zone.
  process.env.TZ = processTz;
  await em.upsert('src', 'k', { instants });
  return em.get('dst', 'k')?.value;
}

describe('timeZone: local time in the emulator’s zone', () => {
  it.each(ZONES)('matches V8 running in %s, whatever the process’s zone', async (zone) => {
    const actual = await inIsolate(zone, EDGES, 'Pacific/Kiritimati');
    expect(actual).toEqual(expected(zone, EDGES));
  });

  it('matches V8 at any instant from 1990 to 2100', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), {
          minLength: 1,
          maxLength: 20,
        }),
        async (zone, instants) => {
          expect(await inIsolate(zone, instants, 'UTC')).toEqual(expected(zone, instants));
        },
      ),
      { numRuns: 30 },
    );
  });
});
