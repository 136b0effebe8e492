import { blankCode } from './blank-code.ts';
import { type DmlTarget, dmlTarget } from './dml-target.ts';
import { escapeJsString } from './js-string-escape.ts';
import { positionAt } from './source-position.ts';
import { looksLikeSqlStatement } from './sql-statement-heuristic.ts';
import { type SqlToken, tokenizeSql } from './sql-tokens.ts';
import { findCandidates } from './statement-candidates.ts';
import { type StatementLine, stripStatementComments } from './statement-comments.ts';

/** One inline SQL++ statement the transpiler replaced. */
export interface InlineStatement {
  /** 1-based line of the statement's first character (a `(` or its keyword) in the appcode. */
  line: number;
  /** 1-based column of that character, in UTF-16 units as V8 counts. */
  column: number;
  /**
   * The query text the emitted call passes at runtime: comments removed, each line without
   * its leading and trailing spaces, lines joined by `\n`, ending with the statement's `;`.
   */
  text: string;
  /** Named parameter names without `$` or `@`, de-duplicated and sorted. */
  namedParameters: string[];
  /** The keyspace the statement writes to, for INSERT/UPSERT/DELETE/UPDATE/MERGE. */
  dml: DmlTarget | undefined;
}

/** How to transpile: the function's settings that matter, and the SQL++ test. */
export interface TranspileOptions {
  /** The `n1ql_consistency` setting; '' leaves the options argument out. */
  consistency: '' | 'none' | 'request';
  /**
   * Does this candidate parse as SQL++? Gets {@link InlineStatement.text}. Defaults to
   * {@link looksLikeSqlStatement}, a heuristic; tests can plug in a stricter one.
   */
  isStatement?: (text: string) => boolean;
}

/** The transpiled appcode and what was replaced in it, in source order. */
export interface TranspileResult {
  code: string;
  statements: InlineStatement[];
}

/** A statement line as written: the spaces around its body are kept out of the quotes. */
interface SourceLine extends StatementLine {
  indent: string;
  trailing: string;
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;
/** Go's `[[:space:]]` within one line. */
const SPACE = /[\t\v\f ]/;

/**
 * Replaces the inline SQL++ statements of a handler's appcode by `couchbase.n1qlQuery(…)`
 * calls, as the server's `TranspileQueries` does (spec runtime.md §7.1). Candidates are found
 * by {@link findCandidates}; each one that `isStatement` accepts becomes
 *
 *     couchbase.n1qlQuery('<line 1>\n' +
 *         '<line 2>;', {'$a':a, '$b':b}, { 'consistency': 'request' });
 *
 * - one quoted piece per source line, joined by ` +` and the line's own line break, with the
 *   line's indentation and trailing spaces kept outside the quotes: the output has exactly as
 *   many lines as the input and every line outside a statement is unchanged. Code after a
 *   statement on its last line moves right by the length of the wrapper, as on the server,
 *   so V8's columns there are the server's columns too;
 * - JavaScript comments removed, the rest escaped as the server escapes it (`escapeJsString`);
 * - named parameters (`$name`, and `@name`, which the query lexer also reads as named) outside
 *   SQL++ literals, comments and backtick identifiers, bound to the JavaScript variable of the
 *   same name; positional `$1` is not bound;
 * - the options argument only when `consistency` is not ''.
 *
 * fidelity: the server splits a statement only at `\n` and leaves a `\r` before the ` +`,
 * where V8 counts it as one more line break; we split at every V8 line break and put the break
 * after the ` +`, so line numbers survive CRLF files too.
 *
 * @example
 * transpileQueries('var r = SELECT * FROM b WHERE id = $id;', { consistency: '' }).code
 * // => "var r = couchbase.n1qlQuery('SELECT * FROM b WHERE id \\u003D $id;', {'$id':id});"
 */
export function transpileQueries(source: string, options: TranspileOptions): TranspileResult {
  const isStatement = options.isStatement ?? looksLikeSqlStatement;
  const statements: InlineStatement[] = [];
  let code = '';
  let copied = 0;
  for (const span of findCandidates(blankCode(source))) {
    const lines = sourceLines(source.slice(span.start, span.end));
    const bodies = stripStatementComments(lines);
    const text = queryText(lines, bodies);
    if (!isStatement(text)) continue;
    const { tokens } = tokenizeSql(text);
    const namedParameters = namedParametersOf(tokens);
    code += source.slice(copied, span.start);
    code += callExpression(lines, bodies, namedParameters, options.consistency);
    copied = span.end;
    const { line, column } = positionAt(source, span.start);
    statements.push({ line, column, text, namedParameters, dml: dmlTarget(tokens) });
  }
  return { code: code + source.slice(copied), statements };
}

function sourceLines(statement: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let from = 0;
  for (const lineBreak of statement.matchAll(LINE_BREAK)) {
    lines.push(sourceLine(statement.slice(from, lineBreak.index), lineBreak[0]));
    from = lineBreak.index + lineBreak[0].length;
  }
  lines.push(sourceLine(statement.slice(from), ''));
  return lines;
}

function sourceLine(line: string, lineBreak: string): SourceLine {
  let start = 0;
  while (start < line.length && SPACE.test(line[start]!)) start++;
  let end = line.length;
  while (end > start && SPACE.test(line[end - 1]!)) end--;
  const indent = line.slice(0, start);
  return { indent, body: line.slice(start, end), trailing: line.slice(end), lineBreak };
}

/**
 * The runtime value of the quoted pieces. A `\n` or `\r\n` break becomes `\n`, as on the
 * server; a lone `\r`, U+2028 or U+2029 (which the server leaves inside the line) is kept.
 */
function queryText(lines: readonly SourceLine[], bodies: readonly string[]): string {
  return bodies.map((body, i) => body + valueBreak(lines[i]!.lineBreak)).join('');
}

function valueBreak(lineBreak: string): string {
  return lineBreak.endsWith('\n') ? '\n' : lineBreak;
}

/** The server writes the two characters `\n` itself; anything else goes through the escaper. */
function escapedBreak(lineBreak: string): string {
  return lineBreak.endsWith('\n') ? '\\n' : escapeJsString(lineBreak);
}

function namedParametersOf(tokens: readonly SqlToken[]): string[] {
  const names = tokens.filter((t) => t.kind === 'named-parameter').map((t) => t.value);
  // Names are ASCII, so code-unit order is the server's byte order (Go `sort.Strings`).
  return [...new Set(names)].sort();
}

function callExpression(
  lines: readonly SourceLine[],
  bodies: readonly string[],
  namedParameters: readonly string[],
  consistency: TranspileOptions['consistency'],
): string {
  const last = lines.length - 1;
  const pieces = lines.map((line, i) => {
    const quoted = escapeJsString(bodies[i]!) + escapedBreak(line.lineBreak);
    const joiner = i < last ? ` +${line.lineBreak}` : '';
    return `${line.indent}'${quoted}'${line.trailing}${joiner}`;
  });
  const bound = namedParameters.map((name) => `'$${name}':${name}`).join(', ');
  const args = [pieces.join(''), `{${bound}}`];
  if (consistency !== '') args.push(`{ 'consistency': '${consistency}' }`);
  return `couchbase.n1qlQuery(${args.join(', ')});`;
}
