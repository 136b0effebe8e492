import { blankCode } from './blank-code.ts';

/**
 * The server's pattern: `[[:space:]]` is ASCII-only in Go, and there is no word boundary, so
 * `mycreateTimer (` and `timers.createTimer(` count too.
 */
const TIMER_CALL = /createTimer[\t\n\v\f\r ]*\(/;

/**
 * Whether the appcode calls `createTimer` as the server detects it (spec runtime.md §5.5):
 * the text `createTimer(` (spaces allowed before the parenthesis) outside comments, strings,
 * templates and regex literals. The server creates the timer store only when this is true, so
 * a handler that reaches `createTimer` only through an alias gets no stored timers.
 *
 * @example
 * usesTimers('function OnUpdate(d, m) { createTimer(cb, when, m.id); }') // => true
 * usesTimers('function OnUpdate(d, m) { log("createTimer(") }') // => false
 */
export function usesTimers(source: string): boolean {
  return TIMER_CALL.test(blankCode(source));
}
