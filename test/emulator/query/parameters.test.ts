import { describe, expect, it } from 'vitest';
import type { Parameter } from '../../../src/emulator/query/ast.ts';
import { bindParameters, parameterValue } from '../../../src/emulator/query/parameters.ts';
import { queryError } from './parse-helpers.ts';

const at = { offset: 20, line: 2, column: 5, end: 22 };
const parameter = (key: string | number): Parameter => ({ kind: 'parameter', key, at });

describe('query parameters', () => {
  it('bind named parameters with or without $ or @', () => {
    const bound = bindParameters({ $a: 1, '@b': 2, c: 3, ' $d': 4 });
    expect([...bound.named]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
    expect(bound.positional.size).toBe(0);
  });

  it('bind positional parameters from 1', () => {
    const bound = bindParameters(['x', null]);
    expect(parameterValue(bound, parameter(1))).toBe('x');
    expect(parameterValue(bound, parameter(2))).toBe(null);
  });

  it('copy values through JSON so the caller cannot change them afterwards', () => {
    const doc = { tags: ['a'], when: new Date(0), skip: undefined };
    const bound = bindParameters({ doc, gone: undefined, fn: () => 1 });
    doc.tags.push('b');
    expect(parameterValue(bound, parameter('doc'))).toEqual({
      tags: ['a'],
      when: '1970-01-01T00:00:00.000Z',
    });
    expect(bound.named.has('gone')).toBe(false);
    expect(bound.named.has('fn')).toBe(false);
  });

  it('bind nothing from undefined', () => {
    const bound = bindParameters(undefined);
    expect([bound.named.size, bound.positional.size]).toEqual([0, 0]);
  });

  it('fail with 5010 in the server words for a parameter without a value', () => {
    const bound = bindParameters({ a: 1 });
    const named = queryError(() => parameterValue(bound, parameter('b')));
    expect(named.code).toBe(5010);
    expect(named.message).toBe('No value for named parameter $b (near line 2, column 5).');
    expect(named.position).toEqual(at);
    expect(queryError(() => parameterValue(bound, parameter(1))).message).toBe(
      'No value for positional parameter $1 (near line 2, column 5).',
    );
  });
});
