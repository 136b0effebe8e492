import { describe, expect, it } from 'vitest';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';

describe('the token cursor', () => {
  it('peeks ahead and stays on the end token once there', () => {
    const cursor = new TokenCursor('a b');
    expect(cursor.peek(1).text).toBe('b');
    expect(cursor.peek(5).kind).toBe('end');
    cursor.next();
    cursor.next();
    expect(cursor.next().kind).toBe('end');
    expect(cursor.next().kind).toBe('end');
  });

  it('accepts and expects keywords and symbols', () => {
    const cursor = new TokenCursor('SELECT ( x');
    expect(cursor.acceptKeyword('FROM')).toBe(false);
    expect(cursor.isKeyword('SELECT')).toBe(true);
    expect(cursor.expectKeyword('SELECT').text).toBe('SELECT');
    expect(cursor.isSymbol('(')).toBe(true);
    expect(cursor.acceptSymbol('(')).toBe(true);
    expect(cursor.acceptIdentifier()).toBe('x');
    expect(cursor.acceptIdentifier()).toBeUndefined();
  });

  it('turns a wrong token into a syntax error at that token', () => {
    const cursor = new TokenCursor('SELECT FROM');
    cursor.next();
    expect(() => cursor.expectIdentifier()).toThrow(
      "syntax error - line 1, column 8, near 'SELECT', at: FROM",
    );
    cursor.next();
    expect(() => cursor.expectSymbol(')')).toThrow(/at: end of input/);
  });

  it('spans from a start position to the end of the last consumed token', () => {
    const cursor = new TokenCursor('  a  +  b  ');
    const start = cursor.next();
    cursor.next();
    cursor.next();
    expect(cursor.spanFrom(start.at)).toEqual({ offset: 2, line: 1, column: 3, end: 9 });
  });

  it('numbers question-mark parameters in order', () => {
    const cursor = new TokenCursor('');
    expect([cursor.nextQuestionMark(), cursor.nextQuestionMark()]).toEqual([1, 2]);
  });

  it('builds unsupported errors pointing at the next token', () => {
    const cursor = new TokenCursor('x JOIN');
    cursor.next();
    const error = cursor.unsupported('JOIN');
    expect(error.unsupported).toBe('JOIN');
    expect(error.position?.column).toBe(3);
  });
});
