// An application log line read back into what was logged: `log('done', { id: 'k1' })` is written
// `2026-01-01T00:00:00.000+00:00 [INFO] "done" {"id":"k1"} ` (each argument as JSON, then a
// space), so each argument's text is parsed back into its value.

/** One line of a function's app log, parsed. */
export interface AppLogEntry {
  /** The level in brackets; the server writes handler logs as `INFO` whatever log_level says. */
  level: string;
  /** When the line was written, by the emulator's clock. */
  time: Date;
  /** The logged arguments as values, as their JSON gave them (`undefined` where it was). */
  args: unknown[];
  /** The line after the level, as written. */
  text: string;
}

const HEAD = /^(\S+) \[(\w+)\] /;

/** Parses a line of the app log. A line of another form is kept whole as `text`. */
export function parseAppLogLine(line: string): AppLogEntry {
  const head = HEAD.exec(line);
  if (!head) return { level: '', time: new Date(Number.NaN), args: [], text: line };
  const text = line.slice(head[0].length);
  return {
    level: head[2] as string,
    time: new Date(head[1] as string),
    args: logArguments(text).map(argumentValue),
    text,
  };
}

/**
 * The text of each logged argument: a JSON string, object or array, or a word (a number,
 * `true`, `null`, `undefined`).
 */
export function logArguments(text: string): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] === ' ') {
      at++;
      continue;
    }
    const end = argumentEnd(text, at);
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

function argumentEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let at = start; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') {
        inString = false;
        if (depth === 0) return at + 1;
      }
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return at + 1;
    } else if (char === ' ' && depth === 0) return at;
  }
  return text.length;
}

function argumentValue(token: string): unknown {
  if (token === 'undefined') return undefined;
  try {
    return JSON.parse(token);
  } catch {
    return token;
  }
}
