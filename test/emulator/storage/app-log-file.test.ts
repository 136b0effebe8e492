import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_LOG_MEMORY_CAP, AppLog } from '../../../src/emulator/app-log.ts';
import { AppLogFile } from '../../../src/emulator/storage/app-log-file.ts';

// App logs: a bounded window in memory; on disk, files rotated as the Eventing service rotates
// them (name.log, name.log.1 … name.log.<app_log_max_files>), read back by getAppLog.

const dirs: string[] = [];
const files: AppLogFile[] = [];

afterEach(() => {
  for (const file of files.splice(0)) file.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logFile(maxSize: number, maxFiles: number, dir = mkdtempSync(join(tmpdir(), 'app-log-'))) {
  dirs.push(dir);
  const file = new AppLogFile(join(dir, 'fn.log'), { maxSize, maxFiles });
  files.push(file);
  return { file, dir };
}

const line = (n: number) =>
  `2026-01-01T00:00:00.${String(n % 1000).padStart(3, '0')}+00:00 [INFO] "line ${n}" `;

describe('the app log file', () => {
  it('rotates past app_log_max_size, keeping app_log_max_files rotated files', () => {
    const { file, dir } = logFile(1024, 2);
    for (let n = 0; n < 200; n++) {
      file.append(line(n));
      file.flush();
    }
    expect(readdirSync(dir).sort()).toEqual(['fn.log', 'fn.log.1', 'fn.log.2']);
    const current = readFileSync(join(dir, 'fn.log'), 'utf8');
    const previous = readFileSync(join(dir, 'fn.log.1'), 'utf8');
    expect(previous.length).toBeGreaterThan(1024);
    expect(current.endsWith(`${line(199)}\n`)).toBe(true);
    // The newest rotated file holds the lines just before the current one's.
    const firstCurrent = Number(/"line (\d+)"/.exec(current)?.[1]);
    expect(previous.endsWith(`${line(firstCurrent - 1)}\n`)).toBe(true);
  });

  it('answers the newest whole lines of the current file, newest first, for any size', () => {
    const { file } = logFile(1_000_000, 3);
    for (let n = 0; n < 10; n++) file.append(line(n));
    expect(file.tail(2_000_000_000)).toEqual(Array.from({ length: 10 }, (_, i) => line(9 - i)));
    // A size that cuts a line drops the cut line.
    expect(file.tail(line(9).length + 10)).toEqual([line(9)]);
    expect(file.tail(0)).toEqual([]);
  });

  it('carries on appending to the file a previous process left', () => {
    const { file, dir } = logFile(1_000_000, 3);
    file.append(line(1));
    file.close();
    files.pop();
    const again = logFile(1_000_000, 3, dir).file;
    again.append(line(2));
    expect(again.tail(10_000)).toEqual([line(2), line(1)]);
    expect(existsSync(join(dir, 'fn.log.1'))).toBe(false);
  });
});

describe('the app log in memory', () => {
  it('keeps a bounded window of the newest lines whatever the settings allow', () => {
    const log = new AppLog(400 * 1024 * 1024);
    const big = 'x'.repeat(1024 * 1024);
    for (let n = 0; n < 20; n++) log.append(`${n} ${big}`);
    const kept = log.lines.reduce((sum, text) => sum + text.length + 1, 0);
    expect(kept).toBeLessThanOrEqual(APP_LOG_MEMORY_CAP);
    expect(log.lines.at(-1)?.startsWith('19 ')).toBe(true);
    expect(log.tail(2_000_000_000).length).toBe(log.lines.length);
  });

  it('cuts a line longer than the window to its length', () => {
    const log = new AppLog(400 * 1024 * 1024);
    log.append('y'.repeat(APP_LOG_MEMORY_CAP * 2));
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toHaveLength(APP_LOG_MEMORY_CAP);
  });
});
