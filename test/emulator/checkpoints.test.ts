import { describe, expect, it } from 'vitest';
import { type CheckpointJournal, Checkpoints } from '../../src/emulator/checkpoints.ts';
import type { DocumentChange } from '../../src/runtime/index.ts';

function journal(): CheckpointJournal & { rows: Map<number, number> } {
  const rows = new Map<number, number>();
  return {
    rows,
    load: () => new Map(rows),
    put: (vb, seq) => void rows.set(vb, seq),
    clear: () => rows.clear(),
  };
}

const change = (vb: number, seq: number): DocumentChange =>
  ({
    kind: 'mutation',
    keyspace: { bucket: 'src', scope: '_default', collection: '_default' },
    key: `k${seq}`,
    vb,
    seq,
  }) as DocumentChange;

describe('checkpoints', () => {
  it('a fresh deployment starts at the feed position of every vBucket', () => {
    const rows = journal();
    const seqnos = new Uint32Array(1024);
    seqnos[7] = 42;
    new Checkpoints(rows).start(seqnos);
    expect(rows.rows.size).toBe(1024);
    expect(rows.rows.get(7)).toBe(42);
    expect(rows.rows.get(8)).toBe(0);
  });

  it('moves past a change once its handler ran, and never past one still waiting', () => {
    const rows = journal();
    const checkpoints = new Checkpoints(rows);
    checkpoints.start([]);
    const [first, second] = [change(3, 1), change(3, 2)];
    checkpoints.queued(first);
    checkpoints.queued(second);
    checkpoints.handled([first]);
    expect(rows.rows.get(3)).toBe(1);
    checkpoints.handled([second]);
    expect(rows.rows.get(3)).toBe(2);
  });

  it('moves past a filtered change only when nothing before it is waiting', () => {
    const rows = journal();
    const checkpoints = new Checkpoints(rows);
    checkpoints.start([]);
    const waiting = change(5, 1);
    checkpoints.queued(waiting);
    checkpoints.skipped(change(5, 2));
    expect(rows.rows.get(5)).toBe(0);
    checkpoints.handled([waiting]);
    expect(rows.rows.get(5)).toBe(2);
    checkpoints.skipped(change(5, 3));
    expect(rows.rows.get(5)).toBe(3);
  });

  it('resumes where the journal left off, and has no resume point before any record', () => {
    const rows = journal();
    expect(new Checkpoints(rows).resumePoint()).toBeUndefined();
    rows.rows.set(9, 12);
    expect(new Checkpoints(rows).resumePoint()).toEqual(new Map([[9, 12]]));
  });
});
