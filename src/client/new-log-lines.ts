/**
 * The lines of `next` that come after what `previous` ended with. The server sends a window of
 * the newest lines, so the window slides: find the last line seen and take what follows; when it
 * slid past everything seen, every line is new.
 */
export function newLines(previous: readonly string[], next: readonly string[]): string[] {
  const last = previous.at(-1);
  if (last === undefined) return [...next];
  const at = next.lastIndexOf(last);
  return at < 0 ? [...next] : next.slice(at + 1);
}
