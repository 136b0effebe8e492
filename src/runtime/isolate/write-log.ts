// The host's half of the write log (shim/write-log.js): memory shared with the isolate, where a
// handler entered on the Node thread logs basic writes known to land instead of crossing for
// each. The host applies them, in order, before it answers any other request of the handler
// and when an entry ends, however it ended: the memory outlives a terminated or disposed isolate.

const HEADER_BYTES = 8;
const RECORD_HEAD_BYTES = 7;
/** Enough for a batch of typical small documents between two other requests of a handler. */
const LOG_BYTES = 256 * 1024;

/** Applies one logged write: `binding[key] = value` for the binding at `index`. */
export type LoggedWriteSink = (index: number, key: string, value: string) => void;

export class WriteLog {
  readonly buffer = new SharedArrayBuffer(LOG_BYTES);
  readonly #used = new Int32Array(this.buffer, 0, 1);
  readonly #bytes = Buffer.from(this.buffer);

  /** Applies every logged write in the order logged and empties the log. */
  apply(sink: LoggedWriteSink): void {
    const used = this.#used[0] ?? 0;
    if (used === 0) return;
    this.#used[0] = 0;
    const bytes = this.#bytes;
    const end = HEADER_BYTES + used;
    for (let at = HEADER_BYTES; at < end; ) {
      const index = bytes.readUInt16LE(at);
      const keyLength = bytes[at + 2] ?? 0;
      const valueLength = bytes.readUInt32LE(at + 3);
      at += RECORD_HEAD_BYTES;
      // One byte per character: the shim logs only text within U+0000-U+00FF.
      const key = bytes.toString('latin1', at, at + keyLength);
      at += keyLength;
      const value = bytes.toString('latin1', at, at + valueLength);
      at += valueLength;
      sink(index, key, value);
    }
  }
}
