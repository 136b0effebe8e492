import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/index.ts';
import { defineFunction } from '../../src/testing/index.ts';

// A model of the timer rules: a timer is (callback, reference); creating one again replaces it;
// cancelling removes it; it fires once, at or after its due time (whole seconds), with the last
// context written, in due order, and never after a cancel.

type Op =
  | { op: 'create'; cb: 'A' | 'B'; ref: string; inMs: number; ctx: number }
  | { op: 'cancel'; cb: 'A' | 'B'; ref: string }
  | { op: 'advance'; ms: number };

const HANDLER = `function OnUpdate(doc, meta) {
  var cb = doc.cb === 'A' ? A : B;
  if (doc.op === 'create') createTimer(cb, new Date(Date.now() + doc.inMs), doc.ref, doc.ctx);
  else cancelTimer(cb, doc.ref);
}
function A(ctx) { log('A', ctx, Date.now()); }
function B(ctx) { log('B', ctx, Date.now()); }`;

const START = Date.UTC(2026, 0, 1);

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    cb: fc.constantFrom('A' as const, 'B' as const),
    ref: fc.constantFrom('r1', 'r2', 'r3'),
    inMs: fc.integer({ min: -5000, max: 60_000 }),
    ctx: fc.integer({ min: 0, max: 999 }),
  }),
  fc.record({
    op: fc.constant('cancel' as const),
    cb: fc.constantFrom('A' as const, 'B' as const),
    ref: fc.constantFrom('r1', 'r2', 'r3'),
  }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
);

/** What the log should say after `ops`, by the rules above. */
function expectedFirings(ops: Op[]): string[] {
  let now = START;
  let order = 0;
  const pending = new Map<string, { cb: string; due: number; ctx: number; order: number }>();
  const fired: string[] = [];
  const fireDue = (until: number) => {
    for (;;) {
      const next = [...pending.entries()].sort(
        ([, a], [, b]) => a.due - b.due || a.order - b.order,
      )[0];
      if (!next || next[1].due > until) return;
      pending.delete(next[0]);
      now = Math.max(now, next[1].due);
      fired.push(`"${next[1].cb}" ${next[1].ctx} ${now} `);
    }
  };
  for (const op of ops) {
    if (op.op === 'create') {
      const due = Math.floor((now + op.inMs) / 1000) * 1000;
      pending.set(`${op.cb}/${op.ref}`, { cb: op.cb, due, ctx: op.ctx, order: order++ });
      fireDue(now);
    } else if (op.op === 'cancel') {
      pending.delete(`${op.cb}/${op.ref}`);
    } else {
      const target = now + op.ms;
      fireDue(target);
      now = target;
    }
  }
  return fired;
}

describe('timers, as a model', () => {
  it('fire exactly as the model says for any sequence of create, cancel and advance', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { maxLength: 25 }), async (ops) => {
        const em = await createEmulator({ now: START });
        const fn = await em.deploy(
          defineFunction({ name: 'timers', source: 'src', code: HANDLER }),
        );
        for (const [index, op] of ops.entries()) {
          if (op.op === 'advance') await em.advance(op.ms);
          else await em.upsert('src', `op${index}`, op);
        }
        const fired = fn.logs.map((line) => line.replace(/^\S+ \[INFO\] /, ''));
        await em.dispose();
        expect(fired).toEqual(expectedFirings(ops));
      }),
      { numRuns: 60 },
    );
  });
});
