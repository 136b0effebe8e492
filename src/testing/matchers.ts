// The augmentation below needs vitest resolved in this file even where nothing else imports it.
import type {} from 'vitest';
import type { Emulator } from '../emulator/emulator.ts';
import type { EventingFunction } from '../emulator/eventing-function.ts';
import { logArguments } from '../runtime/bindings/log/app-log-entry.ts';
import { idleEmulatorNote, idleNote } from './idle-functions.ts';

// Custom vitest matchers for Eventing functions. The preset registers them (expect.extend);
// the types below make them known to TypeScript.

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

interface MatcherContext {
  equals(a: unknown, b: unknown): boolean;
  isNot: boolean;
  utils: {
    printReceived(value: unknown): string;
    printExpected(value: unknown): string;
    stringify(value: unknown, maxDepth?: number, options?: { min?: boolean }): string;
  };
}

/**
 * `log('a b', 1, {c: 'd'})` is written `"a b" 1 {"c":"d"} `; also read it as `a b 1 {"c":"d"}`:
 * each top-level string argument unquoted, everything else as written.
 */
function plain(text: string): string {
  return logArguments(text)
    .map((token) => (token.startsWith('"') ? unquote(token) : token))
    .join(' ');
}

function unquote(token: string): string {
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === 'string' ? value : token;
  } catch {
    return token;
  }
}

function isSubset(context: MatcherContext, actual: unknown, partial: unknown): boolean {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial))
    return context.equals(actual, partial);
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(partial).every(([key, value]) =>
    isSubset(context, (actual as Record<string, unknown>)[key], value),
  );
}

/**
 * Passes when the keyspace holds a document with that id; with `partial`, when its value
 * contains those fields (objects are compared field by field, other values exactly).
 */
function toHaveDocument(
  this: MatcherContext,
  em: Emulator,
  keyspace: string,
  id: string,
  partial?: unknown,
): MatcherResult {
  const document = em.get(keyspace, id);
  const found = document !== undefined;
  const pass = found && (partial === undefined || isSubset(this, document.value, partial));
  const expectation =
    partial === undefined ? '' : ` containing ${this.utils.printExpected(partial)}`;
  return {
    pass,
    message: () =>
      found
        ? `expected ${keyspace} ${id}${this.isNot ? ' not' : ''} to be a document${expectation}, got ${this.utils.printReceived(document.value)}`
        : `expected ${keyspace} to hold a document ${id}${expectation}, but it does not (keys: ${em.keys(keyspace).slice(0, 10).join(', ') || 'none'})${idleEmulatorNote(em)}`,
  };
}

/**
 * Passes when a line of the function's application log matches. With one string or RegExp, the
 * line's text: a string is looked for in it (as written, and with its strings unquoted), a
 * RegExp tested against both. With several values (or one of another type), the logged
 * arguments: a line whose arguments equal them, one for one (asymmetric matchers allowed).
 */
function toHaveLogged(
  this: MatcherContext,
  fn: EventingFunction,
  ...expected: unknown[]
): MatcherResult {
  const [first] = expected;
  if (expected.length === 1 && (typeof first === 'string' || first instanceof RegExp))
    return loggedText.call(this, fn, first);
  const entries = fn.logEntries;
  const pass = entries.some(
    (entry) =>
      entry.args.length === expected.length &&
      entry.args.every((arg, index) => this.equals(arg, expected[index])),
  );
  const print = (value: unknown) => this.utils.stringify(value, 10, { min: true });
  const printed = expected.map(print).join(', ');
  return {
    pass,
    message: () =>
      `expected the log of ${fn.name}${this.isNot ? ' not' : ''} to have a line logging (${printed}); it has:\n${
        entries.map((entry) => `  (${entry.args.map(print).join(', ')})`).join('\n') ||
        '  (nothing)'
      }${this.isNot ? '' : idleNote(fn)}`,
  };
}

function loggedText(this: MatcherContext, fn: EventingFunction, expected: string | RegExp) {
  const texts = fn.logEntries.map((entry) => entry.text);
  const pass = texts.some((text) => {
    const candidates = [text, plain(text)];
    return typeof expected === 'string'
      ? candidates.some((c) => c.includes(expected))
      : candidates.some((c) => expected.test(c));
  });
  return {
    pass,
    message: () =>
      `expected the log of ${fn.name}${this.isNot ? ' not' : ''} to contain ${this.utils.printExpected(expected)}; it has:\n${texts.map((t) => `  ${t}`).join('\n') || '  (nothing)'}${this.isNot ? '' : idleNote(fn)}`,
  };
}

/**
 * Passes when a statistic has that value: a counter of execution_stats or failure_stats by its
 * name (`on_update_success`, `timeout_count`), or a path (`execution_stats.curl.get`).
 */
function toHaveStat(
  this: MatcherContext,
  fn: EventingFunction,
  name: string,
  value: number,
): MatcherResult {
  const stats = fn.stats as unknown as Record<string, Record<string, unknown>>;
  const path = name.includes('.') ? name.split('.') : undefined;
  const actual = path
    ? path.reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        stats,
      )
    : (stats.execution_stats?.[name] ?? stats.failure_stats?.[name]);
  return {
    pass: actual === value,
    message: () =>
      actual === undefined
        ? `${fn.name} has no statistic ${name}`
        : `expected ${name} of ${fn.name}${this.isNot ? ' not' : ''} to be ${value}, got ${actual}${this.isNot ? '' : idleNote(fn)}`,
  };
}

/** The matchers, for `expect.extend(eventingMatchers)`; the vitest preset does this for you. */
export const eventingMatchers = { toHaveDocument, toHaveLogged, toHaveStat };

declare module 'vitest' {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> {
    /** The emulator holds a document `id` in `keyspace`, containing `partial` when given. */
    toHaveDocument(keyspace: string, id: string, partial?: unknown): R;
    /** A line of the function's app log contains the text, or matches the pattern. */
    toHaveLogged(expected: string | RegExp): R;
    /**
     * A line of the function's app log logged exactly these arguments, compared as values
     * (asymmetric matchers allowed): `toHaveLogged('done', { id: expect.any(String) })`.
     */
    toHaveLogged(...args: unknown[]): R;
    /** A statistic of the function has this value. */
    toHaveStat(name: string, value: number): R;
  }
}
