import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

// A function's application log on disk, rotated as the Eventing service rotates it: once the
// file is past app_log_max_size bytes, before the next write `name.log.(n-1)` becomes `name.log.n` (down to
// `name.log.1`), `name.log` becomes `name.log.1`, and a new `name.log` starts; at most
// app_log_max_files rotated files are kept. Lines are buffered until the work that wrote them
// yields (a microtask), so a batch of handler invocations costs one write.

/** How much of the log getAppLog reads at most, whatever `size` asks for. */
export const APP_LOG_READ_CAP = 64 * 1024 * 1024;
/** Buffered text past which lines are written at once. */
const FLUSH_AT = 64 * 1024;
// fidelity: the server drops a first line that does not start with a timestamp (a cut line).
const LINE_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}/;

export interface AppLogFileLimits {
  /** app_log_max_size: the size past which the file is rotated. */
  maxSize: number;
  /** app_log_max_files: rotated files kept. */
  maxFiles: number;
}

export class AppLogFile {
  readonly path: string;
  readonly #limits: AppLogFileLimits;
  #fd: number | undefined;
  #size = 0;
  #pending: string[] = [];
  #pendingLength = 0;
  #flushQueued = false;

  constructor(path: string, limits: AppLogFileLimits) {
    this.path = path;
    this.#limits = limits;
    // Logs may hold whatever handlers print: for the user alone.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#open();
  }

  append(line: string): void {
    if (this.#fd === undefined) return;
    this.#pending.push(line, '\n');
    this.#pendingLength += line.length + 1;
    if (this.#pendingLength >= FLUSH_AT) this.flush();
    else if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  /**
   * Writes the buffered lines, first rotating a file already past app_log_max_size (so the
   * current file always holds the newest lines, as getAppLog reads only it).
   */
  flush(): void {
    this.#flushQueued = false;
    if (this.#fd === undefined || this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingLength = 0;
    if (this.#size > this.#limits.maxSize) this.#rotate();
    if (this.#fd !== undefined) this.#size += writeSync(this.#fd, text);
  }

  /**
   * The newest lines of the current file, newest first, from at most `bytes` of its end (and
   * never more than {@link APP_LOG_READ_CAP}), as the server's getAppLog reads them.
   */
  tail(bytes: number): string[] {
    this.flush();
    if (this.#fd === undefined) return [];
    const length = Math.min(bytes, this.#size, APP_LOG_READ_CAP);
    if (length <= 0) return [];
    const buffer = Buffer.allocUnsafe(length);
    const read = readSync(this.#fd, buffer, 0, length, this.#size - length);
    const lines = buffer.toString('utf8', 0, read).split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length > 1 && !LINE_START.test(lines[0] as string)) lines.shift();
    return lines.reverse();
  }

  close(): void {
    this.flush();
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  #open(): void {
    this.#fd = openSync(this.path, 'a+', 0o600);
    this.#size = fstatSync(this.#fd).size;
  }

  #rotate(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    for (let index = this.#limits.maxFiles; index > 1; index--) {
      renameIfThere(`${this.path}.${index - 1}`, `${this.path}.${index}`);
    }
    renameIfThere(this.path, `${this.path}.1`);
    this.#open();
  }
}

function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
