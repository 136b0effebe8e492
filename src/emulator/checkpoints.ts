import type { DocumentChange, FunctionEvent } from '../runtime/index.ts';
import { VBUCKET_COUNT } from './vbucket.ts';

/** Where a function's checkpoints are kept: one sequence number per vBucket of its source. */
export interface CheckpointJournal {
  /** The recorded checkpoints by vBucket; empty when the function never recorded any. */
  load(): ReadonlyMap<number, number>;
  put(vb: number, seq: number): void;
  clear(): void;
}

/**
 * A deployed function's progress through its source keyspace's change feed, as the server's
 * checkpoints record it: per vBucket, the sequence number up to which every change has been
 * handled (or filtered out). A function that starts again resumes after it, so a change that
 * was acknowledged but not yet handled when the process stopped is handled then: at least
 * once, as on the server.
 *
 * Changes of one vBucket reach the queue in sequence order and leave it in that order, so the
 * checkpoint is the last handled change while some are pending, and the last offered one once
 * none are.
 */
export class Checkpoints {
  readonly #journal: CheckpointJournal;
  readonly #pending = new Uint32Array(VBUCKET_COUNT);
  readonly #offered = new Float64Array(VBUCKET_COUNT);
  readonly #recorded = new Float64Array(VBUCKET_COUNT);

  constructor(journal: CheckpointJournal) {
    this.#journal = journal;
  }

  /** Starts a fresh deployment's record at `seqnos` (the feed's position per vBucket). */
  start(seqnos: ArrayLike<number>): void {
    this.clear();
    for (let vb = 0; vb < VBUCKET_COUNT; vb++) {
      this.#offered[vb] = seqnos[vb] ?? 0;
      this.#record(vb, seqnos[vb] ?? 0, true);
    }
  }

  /** A change queued for the handler. */
  queued(change: DocumentChange): void {
    this.#pending[change.vb] = (this.#pending[change.vb] ?? 0) + 1;
    this.#offered[change.vb] = change.seq;
  }

  /** A change the function filtered out: handled as far as the feed is concerned. */
  skipped(change: DocumentChange): void {
    this.#offered[change.vb] = change.seq;
    if (this.#pending[change.vb] === 0) this.#record(change.vb, change.seq);
  }

  /** Events whose handlers have run, in the order they were taken from the queue. */
  handled(events: readonly FunctionEvent[]): void {
    for (const event of events) {
      if (event.kind === 'timer') continue;
      const vb = event.vb;
      const left = (this.#pending[vb] ?? 1) - 1;
      this.#pending[vb] = left;
      this.#record(vb, left === 0 ? (this.#offered[vb] ?? event.seq) : event.seq);
    }
  }

  /** The queue lost changes (a backlog reduced to each key's latest): count again from it. */
  recount(queued: Iterable<FunctionEvent>): void {
    this.#pending.fill(0);
    for (const event of queued) if (event.kind !== 'timer') this.#pending[event.vb]! += 1;
  }

  /** Where a function that starts again resumes, per vBucket; undefined if never recorded. */
  resumePoint(): ReadonlyMap<number, number> | undefined {
    const saved = this.#journal.load();
    if (saved.size === 0) return undefined;
    for (const [vb, seq] of saved) {
      this.#offered[vb] = seq;
      this.#recorded[vb] = seq;
    }
    return saved;
  }

  /** An undeployed function keeps no checkpoints. */
  clear(): void {
    this.#pending.fill(0);
    this.#offered.fill(0);
    this.#recorded.fill(0);
    this.#journal.clear();
  }

  #record(vb: number, seq: number, always = false): void {
    if (!always && seq <= (this.#recorded[vb] ?? 0)) return;
    this.#recorded[vb] = seq;
    this.#journal.put(vb, seq);
  }
}
