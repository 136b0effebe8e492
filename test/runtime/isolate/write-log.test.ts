import { describe, expect, it } from 'vitest';
import { WriteLog } from '../../../src/runtime/isolate/write-log.ts';
import { logWrite, useWriteLog } from '../../../src/runtime/shim/write-log.js';

// The two halves of the write log, as the shim and the host use them on either side of the
// shared memory.

function applied(log: WriteLog): Array<[number, string, string]> {
  const writes: Array<[number, string, string]> = [];
  log.apply((index, key, value) => writes.push([index, key, value]));
  return writes;
}

describe('the write log', () => {
  it('hands the host every logged write once, in the order logged', () => {
    const log = new WriteLog();
    useWriteLog(log.buffer);
    expect(logWrite(0, 'a', '{"n":1}')).toBe(true);
    expect(logWrite(300, 'b', '"café"')).toBe(true);
    expect(logWrite(0, 'a', '2')).toBe(true);
    expect(applied(log)).toEqual([
      [0, 'a', '{"n":1}'],
      [300, 'b', '"café"'],
      [0, 'a', '2'],
    ]);
    expect(applied(log)).toEqual([]);
  });

  it('leaves out, whole, what must cross instead', () => {
    const log = new WriteLog();
    useWriteLog(log.buffer);
    expect(logWrite(0, 'wide', '"日本"')).toBe(false);
    expect(logWrite(0, '键', '1')).toBe(false);
    expect(logWrite(0, 'long', `"${'x'.repeat(5000)}"`)).toBe(false);
    expect(logWrite(0, 'bytes', new ArrayBuffer(4))).toBe(false);
    expect(logWrite(0, 'kept', '1')).toBe(true);
    expect(applied(log)).toEqual([[0, 'kept', '1']]);
  });

  it('refuses a write once full, and takes writes again once applied', () => {
    const log = new WriteLog();
    useWriteLog(log.buffer);
    const value = `"${'v'.repeat(2000)}"`;
    let logged = 0;
    while (logWrite(0, `k${logged}`, value)) logged++;
    expect(logged).toBeGreaterThan(100);
    expect(applied(log)).toHaveLength(logged);
    expect(logWrite(0, 'again', value)).toBe(true);
  });
});
