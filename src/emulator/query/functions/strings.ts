import {
  type FunctionFamily,
  isInteger,
  isString,
  type SqlFunction,
  strict,
  typed,
} from './function-values.ts';

// String functions (Query docs: String Functions; couchbase/query `expression/func_str.go`).
// fidelity: positions and lengths count UTF-16 code units; the server's plain functions count
// UTF-8 bytes and its MB_ ones characters, which agree with ours for ASCII text.

const WHITESPACE = ' \t\n\f\r';

function trimmer(side: 'start' | 'end' | 'both'): SqlFunction {
  return strict(
    1,
    2,
    typed([isString, isString], (text: string, chars = WHITESPACE) => {
      let start = 0;
      let end = text.length;
      if (side !== 'end') while (start < end && chars.includes(text[start]!)) start += 1;
      if (side !== 'start') while (end > start && chars.includes(text[end - 1]!)) end -= 1;
      return text.slice(start, end);
    }),
  );
}

/** SUBSTR from a 0-based (or 1-based) position; negative positions count from the end. */
function substring(base: 0 | 1): SqlFunction {
  return strict(
    2,
    3,
    typed([isString, isInteger, isInteger], (text: string, position: number, length?: number) => {
      const start = position < 0 ? text.length + position : position > 0 ? position - base : 0;
      if (start < 0 || start >= text.length) return null;
      if (length === undefined) return text.slice(start);
      return length < 0 ? null : text.slice(start, start + length);
    }),
  );
}

function position(base: 0 | 1): SqlFunction {
  return strict(
    2,
    2,
    typed([isString, isString], (text: string, search: string) => text.indexOf(search) + base),
  );
}

function pad(side: 'start' | 'end'): SqlFunction {
  return strict(
    2,
    3,
    typed([isString, isInteger, isString], (text: string, size: number, fill = ' ') => {
      if (size < 0 || fill === '') return null;
      if (text.length >= size) return text.slice(0, size);
      return side === 'start' ? text.padStart(size, fill) : text.padEnd(size, fill);
    }),
  );
}

/** A regular expression from SQL++ text (Go's RE2 syntax, which JavaScript reads the same for common patterns). */
function pattern(source: string, flags = ''): RegExp | null {
  try {
    return new RegExp(source, `u${flags}`);
  } catch {
    return null;
  }
}

const initCap = strict(
  1,
  1,
  typed([isString], (text: string) =>
    text
      .toLowerCase()
      .replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before, letter) => before + letter.toUpperCase()),
  ),
);

export const STRING_FUNCTIONS: FunctionFamily = {
  CONCAT: strict(
    2,
    Infinity,
    typed([isString], (...parts: string[]) => parts.join('')),
  ),
  CONCAT2: strict(
    2,
    Infinity,
    typed([isString], (separator: string, ...parts: string[]) => parts.join(separator)),
  ),
  CONTAINS: strict(
    2,
    2,
    typed([isString, isString], (text: string, search: string) => text.includes(search)),
  ),
  INITCAP: initCap,
  TITLE: initCap,
  LENGTH: strict(
    1,
    1,
    typed([isString], (text: string) => text.length),
  ),
  LOWER: strict(
    1,
    1,
    typed([isString], (text: string) => text.toLowerCase()),
  ),
  UPPER: strict(
    1,
    1,
    typed([isString], (text: string) => text.toUpperCase()),
  ),
  LTRIM: trimmer('start'),
  RTRIM: trimmer('end'),
  TRIM: trimmer('both'),
  LPAD: pad('start'),
  RPAD: pad('end'),
  POSITION: position(0),
  POSITION0: position(0),
  POSITION1: position(1),
  REPEAT: strict(
    2,
    2,
    typed([isString, isInteger], (text: string, times: number) =>
      times < 0 ? null : text.repeat(times),
    ),
  ),
  REPLACE: strict(
    3,
    4,
    typed(
      [isString, isString, isString, isInteger],
      (text: string, search: string, replacement: string, count?: number) => {
        if (search === '') return text;
        const parts = text.split(search);
        if (count === undefined || count < 0) return parts.join(replacement);
        const head = parts.slice(0, count + 1).join(replacement);
        return [head, ...parts.slice(count + 1)].join(search);
      },
    ),
  ),
  REVERSE: strict(
    1,
    1,
    typed([isString], (text: string) => Array.from(text).reverse().join('')),
  ),
  SPLIT: strict(
    1,
    2,
    typed([isString, isString], (text: string, separator?: string) =>
      separator === undefined
        ? text.split(/\s+/u).filter((part) => part !== '')
        : text.split(separator),
    ),
  ),
  SUBSTR: substring(0),
  SUBSTR0: substring(0),
  SUBSTR1: substring(1),
  REGEXP_CONTAINS: strict(
    2,
    2,
    typed(
      [isString, isString],
      (text: string, source: string) => pattern(source)?.test(text) ?? null,
    ),
  ),
  REGEXP_LIKE: strict(
    2,
    2,
    typed(
      [isString, isString],
      (text: string, source: string) => pattern(`^(?:${source})$`)?.test(text) ?? null,
    ),
  ),
  REGEXP_POSITION: strict(
    2,
    2,
    typed([isString, isString], (text: string, source: string) => {
      const regex = pattern(source);
      return regex ? text.search(regex) : null;
    }),
  ),
  REGEXP_REPLACE: strict(
    3,
    4,
    typed(
      [isString, isString, isString, isInteger],
      (text: string, source: string, replacement: string, count?: number) => {
        const regex = pattern(source, 'g');
        if (!regex) return null;
        let left = count === undefined || count < 0 ? Infinity : count;
        return text.replace(regex, (...match) => {
          if (left <= 0) return match[0] as string;
          left -= 1;
          return replacement.replace(/\$(\d)/g, (_, group: string) =>
            String(match[Number(group)] ?? ''),
          );
        });
      },
    ),
  ),
};
