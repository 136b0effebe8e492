import { describe, expect, it } from 'vitest';
import { newLines } from '../../src/client/new-log-lines.ts';

describe('newLines', () => {
  it('finds where a sliding window of lines continues', () => {
    expect(newLines(['a', 'b'], ['a', 'b', 'c'])).toEqual(['c']);
    expect(newLines(['a', 'b'], ['b', 'c', 'd'])).toEqual(['c', 'd']);
    expect(newLines(['a', 'b'], ['x', 'y'])).toEqual(['x', 'y']);
    expect(newLines([], ['x'])).toEqual(['x']);
  });
});
