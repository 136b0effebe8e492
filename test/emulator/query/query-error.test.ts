import { describe, expect, it } from 'vitest';
import {
  describePosition,
  QUERY_ERROR_CODE,
  QueryError,
  syntaxError,
  unsupported,
} from '../../../src/emulator/query/query-error.ts';

const at = (offset: number, line = 1, column = offset + 1) => ({ offset, line, column });

describe('query errors', () => {
  it('describe positions as the Query service does', () => {
    expect(describePosition(at(4, 2, 3))).toBe('line 2, column 3');
  });

  it('word syntax errors with the text before the problem and the problem itself', () => {
    const error = syntaxError('SLECT name FROM b', at(6), 'name');
    expect(error).toBeInstanceOf(QueryError);
    expect(error.name).toBe('QueryError');
    expect(error.code).toBe(QUERY_ERROR_CODE.syntax);
    expect(error.message).toBe("syntax error - line 1, column 7, near 'SLECT', at: name");
    expect(error.position).toEqual(at(6));
    expect(error.unsupported).toBeUndefined();
  });

  it('keep only the end of a long prefix and fold its whitespace', () => {
    const source = 'SELECT a,\n\n   b, c, d, e, f, g, h, i, j FROM x WHERE';
    const error = syntaxError(source, at(source.length), 'end of input');
    expect(error.message).toMatch(/near '\.\.\.[^\n]{24}', at: end of input$/);
    expect(error.message).toContain('j FROM x WHERE');
  });

  it('name the unsupported construct, where it is, and what to do instead', () => {
    const error = unsupported('JOIN', at(16));
    expect(error.code).toBe(1020);
    expect(error.unsupported).toBe('JOIN');
    expect(error.position).toEqual(at(16));
    expect(error.message).toBe(
      "eventing-dev's SQL++ evaluator does not support JOIN (line 1, column 17); " +
        'answer this statement with em.query.on(...)',
    );
  });

  it('leave the position out of an unsupported message when there is none', () => {
    expect(unsupported('GROUP BY').message).toBe(
      "eventing-dev's SQL++ evaluator does not support GROUP BY; answer this statement with em.query.on(...)",
    );
  });

  it('mirror the server codes this evaluator can meet', () => {
    expect(QUERY_ERROR_CODE).toMatchObject({
      syntax: 3000,
      duplicateKey: 12009,
      notGroupKey: 4210,
    });
  });
});
