import { positionAt } from './source-position.ts';

/** The script V8 compiles, and how many lines the headers put in front of the appcode. */
export interface AssembledScript {
  script: string;
  /** Line breaks the headers add: script line = appcode line + headerLineCount. */
  headerLineCount: number;
}

/** Where a line of the assembled script comes from. */
export interface UserLine {
  /** `handler_headers` for a header line, `appcode` for the handler (or anything after it). */
  area: 'handler_headers' | 'appcode';
  /** 1-based line within that area. */
  line: number;
}

/**
 * Builds the script the server compiles from the (possibly transpiled) appcode and the
 * `handler_headers` / `handler_footers` settings (spec runtime.md §1.1): each header followed
 * by `\n`, then the appcode, then `\n`, then each footer followed by `\n`. That is the layout
 * of the server's `ModifyAppCode`: the appcode is always followed by a line break, even with
 * no footers, and every footer ends with one, so a footer never shares a line with user code.
 * Line breaks are counted as V8 counts them (`\n`, `\r\n`, `\r`, U+2028, U+2029), so a header
 * that itself contains one adds two lines.
 *
 * @example
 * assembleScript('function OnUpdate(d, m) {}', ["'use strict';"], [])
 * // => { script: "'use strict';\nfunction OnUpdate(d, m) {}\n", headerLineCount: 1 }
 */
export function assembleScript(
  code: string,
  headers: readonly string[],
  footers: readonly string[],
): AssembledScript {
  const prefix = headers.map((header) => `${header}\n`).join('');
  const suffix = footers.map((footer) => `${footer}\n`).join('');
  return {
    script: `${prefix}${code}\n${suffix}`,
    headerLineCount: positionAt(prefix, prefix.length).line - 1,
  };
}

/**
 * Maps a 1-based line of the assembled script (as V8 reports it) back to the user's view.
 * Columns need no mapping: every header ends with a line break.
 *
 * @example
 * toUserPosition(3, 1) // => { area: 'appcode', line: 2 }
 * toUserPosition(1, 1) // => { area: 'handler_headers', line: 1 }
 */
export function toUserPosition(scriptLine: number, headerLineCount: number): UserLine {
  if (scriptLine <= headerLineCount) return { area: 'handler_headers', line: scriptLine };
  return { area: 'appcode', line: scriptLine - headerLineCount };
}

/**
 * Maps a 1-based appcode line to the line V8 sees in the assembled script.
 *
 * @example
 * toScriptLine(1, 1) // => 2
 */
export function toScriptLine(userLine: number, headerLineCount: number): number {
  return userLine + headerLineCount;
}
