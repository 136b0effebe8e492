import { describe, expect, it } from 'vitest';
import { stripStatementComments } from '../../../src/runtime/compile/statement-comments.ts';

/** Lines joined by `\n` unless a break is given as [body, break]. */
const strip = (...lines: (string | [string, string])[]) =>
  stripStatementComments(
    lines.map((line, i) => {
      const [body, lineBreak] = typeof line === 'string' ? [line, '\n'] : line;
      return { body, lineBreak: i === lines.length - 1 ? '' : lineBreak };
    }),
  );

describe('stripStatementComments', () => {
  it('removes a // comment to the end of its line, keeping the spaces before it', () => {
    expect(strip('SELECT a  // the a', 'FROM t;')).toEqual(['SELECT a  ', 'FROM t;']);
  });

  it('removes a /* */ comment in a line', () => {
    expect(strip('SELECT /* all */ * FROM t;')).toEqual(['SELECT  * FROM t;']);
  });

  it('does not close a block comment at the / of its opening /*/', () => {
    expect(strip('a /*/ b */ c')).toEqual(['a  c']);
  });

  it('keeps comment markers inside all three kinds of quotes', () => {
    expect(strip(`SELECT '//a', "/*b*/", \`c//\` FROM t;`)).toEqual([
      `SELECT '//a', "/*b*/", \`c//\` FROM t;`,
    ]);
  });

  it('lets a backslash escape a quote, so the literal goes on', () => {
    expect(strip(`SELECT 'a\\' // b' FROM t;`)).toEqual([`SELECT 'a\\' // b' FROM t;`]);
  });

  it('lets a backslash take a comment marker along, even inside a comment', () => {
    expect(strip('a \\// b', 'c /* \\*/ d */ e')).toEqual(['a \\// b', 'c  e']);
  });

  it('carries a block comment over to the next lines', () => {
    expect(strip('SELECT * /* one', 'two', 'three */ FROM t;')).toEqual([
      'SELECT * ',
      '',
      ' FROM t;',
    ]);
  });

  it('carries a literal over to the next line, where its comment markers stay', () => {
    expect(strip(`SELECT "a`, `// b" // c`)).toEqual([`SELECT "a`, `// b" `]);
  });

  it('ends a // comment at the line feed, even after a backslash', () => {
    expect(strip('a // b \\', 'c')).toEqual(['a ', 'c']);
  });

  it('ends a // comment at \\r\\n', () => {
    expect(strip(['a // b', '\r\n'], 'c')).toEqual(['a ', 'c']);
  });

  it.each([
    ['a lone \\r', '\r'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
  ])('runs a // comment on over %s, as blankCode and the server do', (_what, lineBreak) => {
    expect(strip(['a // b', lineBreak], 'c', 'd')).toEqual(['a ', '', 'd']);
  });
});
