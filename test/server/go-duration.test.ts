import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../src/server/go-duration.ts';

// Durations in Go's forms, as the Query service and the Data API read and write them.

describe('Go durations', () => {
  it.each([
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['-2m', -120_000],
    ['1ns', 1e-6],
    ['3us', 3e-3],
    ['0', 0],
  ])('reads %s', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '1', '1d', 'abc', '1.5.5s', 's'])('refuses %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it.each([
    [0, '0s'],
    [1e-6, '1ns'],
    [0.8125, '812.5µs'],
    [12.003, '12.003ms'],
    [1500, '1.5s'],
    [75_000, '1m15s'],
    [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'],
    [-1500, '-1.5s'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
