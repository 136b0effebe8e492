import type { FileCoverageData, Range } from 'istanbul-lib-coverage';

/**
 * Moves coverage of the assembled handler script (headers, appcode, footers) onto the lines of
 * the user's handler file: line L of the script is line L - headerLineCount of the appcode, and
 * whatever falls on header or footer lines is dropped. Inline SQL++ is transpiled line for line,
 * so lines keep their numbers.
 *
 * @example
 * toAppcodeLines(data, 1, 20) // statement on script line 5 → handler line 4
 */
export function toAppcodeLines(
  data: FileCoverageData,
  headerLineCount: number,
  lastLine: number,
): FileCoverageData {
  const inAppcode = (range: Range) => {
    const line = range.start.line - headerLineCount;
    return line >= 1 && line <= lastLine;
  };
  const moved = (range: Range): Range => ({
    start: { ...range.start, line: range.start.line - headerLineCount },
    end: { ...range.end, line: Math.min(range.end.line - headerLineCount, lastLine) },
  });
  const result: FileCoverageData = {
    path: data.path,
    statementMap: {},
    fnMap: {},
    branchMap: {},
    s: {},
    f: {},
    b: {},
  };
  for (const [id, range] of Object.entries(data.statementMap)) {
    if (!inAppcode(range)) continue;
    result.statementMap[id] = moved(range);
    result.s[id] = data.s[id] ?? 0;
  }
  for (const [id, fn] of Object.entries(data.fnMap)) {
    if (!inAppcode(fn.loc)) continue;
    result.fnMap[id] = { ...fn, decl: moved(fn.decl), loc: moved(fn.loc) };
    result.f[id] = data.f[id] ?? 0;
  }
  for (const [id, branch] of Object.entries(data.branchMap)) {
    if (!inAppcode(branch.loc)) continue;
    result.branchMap[id] = {
      ...branch,
      loc: moved(branch.loc),
      locations: branch.locations.map(moved),
    };
    result.b[id] = data.b[id] ?? [];
  }
  return result;
}
