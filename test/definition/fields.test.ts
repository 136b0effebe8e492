import { describe, expect, it } from 'vitest';
import {
  isJsonObject,
  joinPath,
  optionalArray,
  optionalBoolean,
  optionalString,
  requiredString,
} from '../../src/definition/fields.ts';
import type { Problem } from '../../src/errors.ts';

describe('isJsonObject', () => {
  it.each([
    [{}, true],
    [null, false],
    [[], false],
    ['x', false],
  ])('%j → %s', (value, want) => {
    expect(isJsonObject(value)).toBe(want);
  });
});

describe('joinPath', () => {
  it('joins with a dot, and leaves a root key alone', () => {
    expect(joinPath('depcfg', 'source_bucket')).toBe('depcfg.source_bucket');
    expect(joinPath('', 'appname')).toBe('appname');
  });
});

describe('requiredString', () => {
  it.each([
    [{}, 'is required'],
    [{ k: 1 }, 'must be a string'],
    [{ k: '' }, 'must not be empty'],
  ])('%j: %s', (obj, message) => {
    const problems: Problem[] = [];
    expect(requiredString(obj, 'k', 'p', problems)).toBeUndefined();
    expect(problems).toEqual([{ path: 'p.k', message }]);
  });

  it('returns a non-empty string', () => {
    const problems: Problem[] = [];
    expect(requiredString({ k: 'v' }, 'k', 'p', problems)).toBe('v');
    expect(problems).toEqual([]);
  });
});

describe('optionalString', () => {
  it('gives the fallback for a missing or empty value', () => {
    const problems: Problem[] = [];
    expect(optionalString({}, 'k', 'p', problems, 'd')).toBe('d');
    expect(optionalString({ k: '' }, 'k', 'p', problems, 'd')).toBe('d');
    expect(optionalString({ k: 'v' }, 'k', 'p', problems, 'd')).toBe('v');
    expect(problems).toEqual([]);
  });

  it('reports a value that is not a string', () => {
    const problems: Problem[] = [];
    expect(optionalString({ k: null }, 'k', 'p', problems, 'd')).toBe('d');
    expect(problems).toEqual([{ path: 'p.k', message: 'must be a string' }]);
  });
});

describe('optionalBoolean', () => {
  it('gives the fallback when missing and the value when boolean', () => {
    const problems: Problem[] = [];
    expect(optionalBoolean({}, 'k', 'p', problems, false)).toBe(false);
    expect(optionalBoolean({ k: true }, 'k', 'p', problems, false)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('reports a value that is not a boolean', () => {
    const problems: Problem[] = [];
    expect(optionalBoolean({ k: 'true' }, 'k', 'p', problems, false)).toBe(false);
    expect(problems).toEqual([{ path: 'p.k', message: 'must be a boolean' }]);
  });
});

describe('optionalArray', () => {
  it('gives [] when missing and the array when given', () => {
    const problems: Problem[] = [];
    expect(optionalArray({}, 'k', 'p', problems)).toEqual([]);
    expect(optionalArray({ k: [1] }, 'k', 'p', problems)).toEqual([1]);
    expect(problems).toEqual([]);
  });

  it('reports a value that is not an array', () => {
    const problems: Problem[] = [];
    expect(optionalArray({ k: {} }, 'k', 'p', problems)).toEqual([]);
    expect(problems).toEqual([{ path: 'p.k', message: 'must be an array' }]);
  });
});
