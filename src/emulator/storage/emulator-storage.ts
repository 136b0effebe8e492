import type { CheckpointJournal } from '../checkpoints.ts';
import type { PendingTimer } from '../timer-store.ts';
import type { AppLogFile, AppLogFileLimits } from './app-log-file.ts';
import type { DocumentTable } from './document-table.ts';
import { createMemoryDocumentTable } from './memory-document-table.ts';

/**
 * Where a function's pending timers are recorded as they change. The timer store keeps them in
 * memory too (they are few next to documents); the journal makes them outlive the process.
 */
export interface TimerJournal {
  put(timer: PendingTimer): void;
  delete(callback: string, reference: string): void;
  clear(): void;
}

/**
 * What the emulator keeps its state in: documents, and journals of each function's timers and
 * checkpoints.
 * In memory by default; `serve --data-dir` gives a SQLite database (sqlite-storage.ts).
 */
export interface EmulatorStorage {
  readonly documents: DocumentTable;
  /** The journal of a function's timers, by the function's name. */
  timers(functionName: string): TimerJournal;
  /**
   * Where a function's checkpoints are kept, for storage that outlives the process; absent in
   * memory, where a function never starts again from a checkpoint.
   */
  checkpoints?(functionName: string): CheckpointJournal;
  /** Where a function's whole app log goes, rotated; in memory only when absent. */
  appLogFile?(functionName: string, limits: AppLogFileLimits): AppLogFile;
}

const NO_JOURNAL: TimerJournal = {
  put: () => undefined,
  delete: () => undefined,
  clear: () => undefined,
};

/** Everything in memory: state lives and dies with the emulator. */
export function createMemoryStorage(): EmulatorStorage {
  return { documents: createMemoryDocumentTable(), timers: () => NO_JOURNAL };
}
