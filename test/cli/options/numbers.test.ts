import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { integer, number } from '../../../src/cli/options/numbers.ts';

describe('option parsers', () => {
  it('reads an integer within bounds, and refuses anything else with the bounds', () => {
    expect(integer(0, 65535)('8096')).toBe(8096);
    for (const text of ['-1', '65536', '1.5', 'x', '']) {
      expect(() => integer(0, 65535)(text)).toThrow(InvalidArgumentError);
    }
    expect(() => integer(1)('0')).toThrow('expected an integer from 1 to 9007199254740991');
  });

  it('reads a number no smaller than its minimum', () => {
    expect(number(1)('2.5')).toBe(2.5);
    expect(() => number(1)('0.5')).toThrow('expected a number of at least 1');
    expect(() => number(0)(' ')).toThrow(InvalidArgumentError);
  });
});
