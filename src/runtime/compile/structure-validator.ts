import { blankCode } from './blank-code.ts';
import { positionAt } from './source-position.ts';
import { readStatement } from './statement-token.ts';

/** Which Eventing entry points the handler declares at top level. */
export interface HandlerPresence {
  OnUpdate: boolean;
  OnDelete: boolean;
  OnDeploy: boolean;
}

/** The handler passed the server's structure check. */
export interface StructureValid {
  ok: true;
  handlers: HandlerPresence;
  /** Every top-level `function name(` declaration, in source order, one entry per declaration. */
  functionNames: string[];
}

/**
 * The handler fails the server's structure check. `message` is the server's text exactly;
 * `line` and `column` (1-based, as {@link positionAt} counts) are our addition: the server
 * reports no position. They point at the offending statement, at the second declaration of a
 * duplicated entry point, or at line 1, column 1 when no entry point is declared.
 *
 * A global-code message quotes the statement as the server sees it (comments and literals
 * blanked to one space per UTF-8 byte, tabs and line breaks as spaces). When the statement
 * has a character outside printable ASCII (U+0020..U+007E: so any control character, DEL or
 * non-ASCII character), the server appends ` bytes: [...]` with its UTF-8 bytes in decimal.
 */
export interface StructureInvalid {
  ok: false;
  message: string;
  line: number;
  column: number;
}

export type StructureResult = StructureValid | StructureInvalid;

type EntryPoint = keyof HandlerPresence;

/**
 * The server's name pattern: `[[:space:]]` is ASCII-only in Go and the identifier class spans
 * U+00A0..U+FFFF (so a name followed by U+00A0 absorbs it and is no entry point).
 */
const FUNCTION_NAME =
  /^function[\t\n\v\f\r ]+([_$a-zA-Z\u00A0-\uFFFF][_$a-zA-Z0-9\u00A0-\uFFFF]*)[\t\n\v\f\r ]*\(/u;

/** Go's `[[:print:]]` is printable ASCII only; anything else makes the server list the bytes. */
const PRINTABLE = /^[\x20-\x7e]*$/;

const utf8 = new TextEncoder();
const OPEN = 0x7b;
const CLOSE = 0x7d;
const SEMICOLON = 0x3b;

/**
 * Checks a handler's appcode the way the Eventing server does before it accepts it (spec
 * runtime.md §2.1): only function declarations at top level, at least one of `OnUpdate` and
 * `OnDelete`, and no entry point declared twice. Braces and semicolons inside comments,
 * strings, templates and regex literals do not count (see {@link blankCode}).
 *
 * @example
 * validateStructure('var x = 1;\nfunction OnUpdate(doc, meta) {}')
 * // => { ok: false, message: 'Only functions allowed in global space, but found: var x = 1',
 * //      line: 1, column: 1 }
 */
export function validateStructure(source: string): StructureResult {
  const blanked = blankCode(source);
  const seen: Record<EntryPoint, number[]> = { OnUpdate: [], OnDelete: [], OnDeploy: [] };
  const functionNames: string[] = [];
  let depth = 0;
  let pieceStart = 0;

  const visit = (from: number, to: number): StructureInvalid | undefined => {
    const statement = readStatement(source, blanked, from, to);
    if (!statement) return undefined;
    const name = FUNCTION_NAME.exec(statement.text)?.[1];
    if (name !== undefined) {
      functionNames.push(name);
      if (isEntryPoint(name)) seen[name].push(statement.start);
    }
    if (statement.text.startsWith('function')) return undefined;
    return invalid(source, globalCodeMessage(statement.text), statement.start);
  };

  for (let i = 0; i < blanked.length; i++) {
    const c = blanked.charCodeAt(i);
    if (c !== OPEN && c !== CLOSE && c !== SEMICOLON) continue;
    // The server splits the whole text but only inspects statements at depth <= 0; a stray
    // `}` drives the depth negative and everything after it counts as top level. A `;` is a
    // statement of its own.
    if (depth <= 0) {
      const problem = visit(pieceStart, i) ?? (c === SEMICOLON ? visit(i, i + 1) : undefined);
      if (problem) return problem;
    }
    if (c === OPEN) depth++;
    else if (c === CLOSE) depth--;
    pieceStart = i + 1;
  }
  const problem = depth <= 0 ? visit(pieceStart, blanked.length) : undefined;
  return problem ?? entryPointProblem(source, seen) ?? valid(seen, functionNames);
}

function isEntryPoint(name: string): name is EntryPoint {
  return name === 'OnUpdate' || name === 'OnDelete' || name === 'OnDeploy';
}

function globalCodeMessage(statement: string): string {
  const message = `Only functions allowed in global space, but found: ${statement}`;
  if (PRINTABLE.test(statement)) return message;
  // Go prints a []byte with %v: decimal values, space separated, in brackets.
  return `${message} bytes: [${utf8.encode(statement).join(' ')}]`;
}

/** The server's checks after the walk, in its order; duplicates point at the second one. */
function entryPointProblem(
  source: string,
  seen: Record<EntryPoint, number[]>,
): StructureInvalid | undefined {
  if (seen.OnUpdate.length === 0 && seen.OnDelete.length === 0) {
    return invalid(source, 'handler must have at least OnUpdate() or OnDelete() function', 0);
  }
  const duplicates: [number[], string][] = [
    [seen.OnUpdate, 'handler cannot have multiple OnUpdate() functions'],
    [seen.OnDelete, 'handler code cannot have multiple OnDelete() functions'],
    [seen.OnDeploy, 'handler code cannot have multiple OnDeploy() functions'],
  ];
  for (const [starts, message] of duplicates) {
    const second = starts[1];
    if (second !== undefined) return invalid(source, message, second);
  }
  return undefined;
}

function invalid(source: string, message: string, index: number): StructureInvalid {
  return { ok: false, message, ...positionAt(source, index) };
}

function valid(seen: Record<EntryPoint, number[]>, functionNames: string[]): StructureValid {
  const handlers = {
    OnUpdate: seen.OnUpdate.length > 0,
    OnDelete: seen.OnDelete.length > 0,
    OnDeploy: seen.OnDeploy.length > 0,
  };
  return { ok: true, handlers, functionNames };
}
