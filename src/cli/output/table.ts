// Human output of the management commands: aligned columns under upper-case headings, and the
// `--json` output that scripts parse (two-space indented, one trailing newline).

/** Text of a table: a heading row, then one row per entry, columns padded to line up. */
export function formatTable(headings: readonly string[], rows: ReadonlyArray<readonly string[]>) {
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return `${[line(headings), ...rows.map(line)].join('\n')}\n`;
}

/** `key  value` lines, keys padded, values as text (JSON for anything but strings). */
export function formatPairs(pairs: ReadonlyArray<readonly [string, unknown]>, indent = ''): string {
  const width = Math.max(0, ...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)}  ${asText(value)}\n`).join('');
}

/** A value as people read it: strings bare, everything else as compact JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** The `--json` rendering. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
