import type { AppLogFile } from './storage/app-log-file.ts';

/**
 * How many bytes of a function's app log are kept in memory at most (the newest lines), whatever
 * app_log_max_size × app_log_max_files allows; a longer line is cut to this length.
 */
export const APP_LOG_MEMORY_CAP = 4 * 1024 * 1024;

/**
 * A function's application log: a bounded window of the newest lines in memory, and with serve's
 * data directory the whole log in files rotated as the server rotates them.
 */
export class AppLog {
  readonly lines: string[] = [];
  #bytes = 0;
  #capacity: number;
  readonly #file: AppLogFile | undefined;

  /** @param capacityBytes what the server's rotated files would keep (size × files) */
  constructor(capacityBytes: number, file?: AppLogFile) {
    this.#capacity = Math.min(capacityBytes, APP_LOG_MEMORY_CAP);
    this.#file = file;
  }

  clear(): void {
    this.lines.length = 0;
    this.#bytes = 0;
  }

  append(line: string): void {
    this.#file?.append(line);
    // fidelity: a line longer than the in-memory window is kept cut to its length, copied so
    // that the cut does not keep the whole line alive.
    const kept = line.length > this.#capacity ? copyOf(line.slice(0, this.#capacity)) : line;
    this.lines.push(kept);
    this.#bytes += kept.length + 1;
    if (this.#bytes > this.#capacity) this.#trim();
  }

  /**
   * The newest lines, newest first, within about `bytes` bytes: whole lines only, as the
   * server drops a first line it would have to cut. Read from the file when there is one.
   */
  tail(bytes: number): string[] {
    if (this.#file) return this.#file.tail(bytes);
    const out: string[] = [];
    let total = 0;
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const line = this.lines[i] as string;
      total += Buffer.byteLength(line) + 1;
      if (total > bytes) break;
      out.push(line);
    }
    return out;
  }

  close(): void {
    this.#file?.close();
  }

  #trim(): void {
    let drop = 0;
    while (this.#bytes > this.#capacity && drop < this.lines.length - 1) {
      this.#bytes -= (this.lines[drop] as string).length + 1;
      drop++;
    }
    if (drop > 0) this.lines.splice(0, drop);
  }
}

/** A flat copy of a string (a slice would share, and so retain, its parent's characters). */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
