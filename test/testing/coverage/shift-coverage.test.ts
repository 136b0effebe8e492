import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { toAppcodeLines } from '../../../src/testing/coverage/shift-coverage.ts';

const at = (line: number, column = 0) => ({ line, column });
const range = (from: number, to: number) => ({ start: at(from), end: at(to, 1) });

// A script of one header line, three appcode lines and one footer line.
const script: FileCoverageData = {
  path: '/p/handler.js',
  statementMap: { 0: range(1, 1), 1: range(2, 2), 2: range(4, 4), 3: range(5, 5) },
  fnMap: {
    0: { name: 'OnUpdate', decl: range(2, 2), loc: range(2, 4), line: 2 },
    1: { name: 'footer', decl: range(5, 5), loc: range(5, 5), line: 5 },
  },
  branchMap: {
    0: { type: 'if', loc: range(3, 4), locations: [range(3, 3), range(4, 4)], line: 3 },
  },
  s: { 0: 1, 1: 1, 2: 0, 3: 1 },
  f: { 0: 1, 1: 1 },
  b: { 0: [1, 0] },
};

describe('handler coverage on the appcode lines', () => {
  const moved = toAppcodeLines(script, 1, 3);

  it('numbers statements, functions and branches as the handler file does', () => {
    expect(Object.values(moved.statementMap).map((r) => r.start.line)).toEqual([1, 3]);
    expect(moved.fnMap[0]?.loc).toEqual(range(1, 3));
    expect(moved.branchMap[0]?.locations).toEqual([range(2, 2), range(3, 3)]);
  });

  it('drops what the handler headers and footers hold, with its counts', () => {
    expect(Object.keys(moved.s)).toEqual(['1', '2']);
    expect(moved.s).toEqual({ 1: 1, 2: 0 });
    expect(Object.keys(moved.f)).toEqual(['0']);
    expect(moved.b).toEqual({ 0: [1, 0] });
  });
});
