import { describe, expect, it } from 'vitest';
import {
  isJavaScriptReservedWord,
  isN1qlReservedWord,
  JAVASCRIPT_RESERVED_WORDS,
  N1QL_RESERVED_WORDS,
} from '../../src/definition/reserved-words.ts';

describe('JavaScript reserved words', () => {
  it.each([
    'abstract',
    'yield',
    'await',
    'let',
    'static',
    'enum',
    'implements',
    'interface',
    'package',
    'private',
    'protected',
    'public',
    'null',
    'true',
    'false',
    'volatile',
    'arguments',
    'eval',
    'class',
    'function',
  ])('%s is reserved', (word) => {
    expect(isJavaScriptReservedWord(word)).toBe(true);
  });

  it.each(['Yield', 'NULL', 'dst', 'undefined', 'async', 'of'])('%s is not reserved', (word) => {
    expect(isJavaScriptReservedWord(word)).toBe(false);
  });

  it('holds the full list', () => {
    expect(JAVASCRIPT_RESERVED_WORDS.size).toBe(64);
  });
});

describe('N1QL reserved words', () => {
  it('holds exactly the words of spec runtime.md §2.5', () => {
    expect([...N1QL_RESERVED_WORDS].sort()).toEqual(
      [
        'alter',
        'build',
        'create',
        'delete',
        'drop',
        'execute',
        'explain',
        'from',
        'grant',
        'infer',
        'insert',
        'merge',
        'prepare',
        'rename',
        'revoke',
        'select',
        'update',
        'upsert',
      ].sort(),
    );
  });

  it.each(['select', 'SELECT', 'Upsert', 'fRoM'])('%s is reserved, whatever its case', (word) => {
    expect(isN1qlReservedWord(word)).toBe(true);
  });

  it.each(['selects', 'where', 'dst'])('%s is not reserved', (word) => {
    expect(isN1qlReservedWord(word)).toBe(false);
  });
});
