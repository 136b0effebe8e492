/**
 * A function's application log, in memory. The server rotates files at app_log_max_size bytes
 * and keeps app_log_max_files of them; this keeps as many bytes, dropping the oldest lines.
 */
export class AppLog {
  readonly lines: string[] = [];
  #bytes = 0;
  #capacity: number;

  constructor(capacityBytes: number) {
    this.#capacity = capacityBytes;
  }

  set capacity(bytes: number) {
    this.#capacity = bytes;
    this.#trim();
  }

  clear(): void {
    this.lines.length = 0;
    this.#bytes = 0;
  }

  append(line: string): void {
    this.lines.push(line);
    this.#bytes += line.length + 1;
    if (this.#bytes > this.#capacity) this.#trim();
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
