import type { KvRefusal, MutateInSpec } from '../runtime/index.ts';

// Sub-document paths and operations as the Data service applies them to a parsed JSON value:
// `a.b[0].c`, backtick-quoted names (`` `a.b` ``), and `[-1]` for an array's last element. Pure
// functions over plain JSON values; the caller parses, clones and stores.

export type PathPart = string | number;

/** A path in parts, or undefined when the text is not a valid path. `''` is the whole value. */
export function parsePath(path: string): PathPart[] | undefined {
  const parts: PathPart[] = [];
  let at = 0;
  let expectName = true;
  while (at < path.length) {
    const char = path[at];
    if (char === '[') {
      if (expectName && parts.length > 0) return undefined;
      const close = path.indexOf(']', at);
      const text = close < 0 ? '' : path.slice(at + 1, close);
      if (!/^(?:0|[1-9]\d*|-1)$/.test(text)) return undefined;
      parts.push(Number(text));
      at = close + 1;
      expectName = false;
    } else if (char === '.') {
      if (expectName) return undefined;
      at += 1;
      expectName = true;
      if (at >= path.length) return undefined;
    } else {
      if (!expectName) return undefined;
      const name = readName(path, at);
      if (!name) return undefined;
      parts.push(name.text);
      at = name.end;
      expectName = false;
    }
  }
  return parts;
}

function readName(path: string, start: number): { text: string; end: number } | undefined {
  if (path[start] !== '`') {
    let end = start;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    return end > start ? { text: path.slice(start, end), end } : undefined;
  }
  // Inside backticks a doubled backtick stands for one.
  let text = '';
  for (let at = start + 1; at < path.length; at++) {
    if (path[at] !== '`') text += path[at];
    else if (path[at + 1] === '`') text += path[++at];
    else return text === '' ? undefined : { text, end: at + 1 };
  }
  return undefined;
}

type Container = Record<string, unknown> | unknown[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The index an array part addresses, or undefined when out of range. */
function indexIn(array: unknown[], part: number): number | undefined {
  const index = part === -1 ? array.length - 1 : part;
  return index >= 0 && index < array.length ? index : undefined;
}

/** One step down the value: the child, or why there is none. */
function child(parent: unknown, part: PathPart): { value: unknown } | KvRefusal {
  if (typeof part === 'string') {
    if (!isObject(parent)) return 'path_mismatch';
    return Object.hasOwn(parent, part) ? { value: parent[part] } : 'path_not_found';
  }
  if (!Array.isArray(parent)) return 'path_mismatch';
  const index = indexIn(parent, part);
  return index === undefined ? 'path_not_found' : { value: parent[index] };
}

/** The value at `parts`, or why it cannot be read. */
export function lookupPath(
  root: unknown,
  parts: readonly PathPart[],
): { value: unknown } | KvRefusal {
  let current: { value: unknown } | KvRefusal = { value: root };
  for (const part of parts) {
    current = child(current.value, part);
    if (typeof current === 'string') return current;
  }
  return current;
}

/**
 * The container holding the last part of `parts`; with `create`, missing objects on the way are
 * created (the Data service never creates arrays for intermediate parts).
 */
function parentOf(
  root: unknown,
  parts: readonly PathPart[],
  create: boolean,
): Container | KvRefusal {
  let current = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as PathPart;
    const next = child(current, part);
    if (next === 'path_not_found' && create && typeof part === 'string' && isObject(current)) {
      const created = {};
      current[part] = created;
      current = created;
      continue;
    }
    if (typeof next === 'string') return next;
    current = next.value;
  }
  return typeof current === 'object' && current !== null ? (current as Container) : 'path_mismatch';
}

/** Arrays that arrayAddUnique may search: primitives only. */
function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/**
 * Applies one mutation to `root` in place and returns the (possibly new) root, or the refusal.
 * The caller hands in a value it owns (freshly parsed or cloned).
 */
export function applyMutation(
  root: unknown,
  spec: Pick<MutateInSpec, 'op' | 'value' | 'createPath'>,
  parts: readonly PathPart[],
): { root: unknown } | KvRefusal {
  const { op, value } = spec;
  if (parts.length === 0) return op === 'replace' ? { root: value } : 'path_invalid';
  const last = parts[parts.length - 1] as PathPart;
  const create = spec.createPath && op !== 'replace' && op !== 'remove' && op !== 'arrayInsert';
  const parent = parentOf(root, parts, create);
  if (typeof parent === 'string') return parent;
  switch (op) {
    case 'insert':
    case 'upsert': {
      if (typeof last !== 'string') return 'path_invalid';
      if (!isObject(parent)) return 'path_mismatch';
      if (op === 'insert' && Object.hasOwn(parent, last)) return 'path_exists';
      parent[last] = value;
      return { root };
    }
    case 'replace':
    case 'remove': {
      const found = child(parent, last);
      if (typeof found === 'string') return found;
      if (Array.isArray(parent)) {
        const index = indexIn(parent, last as number) as number;
        if (op === 'remove') parent.splice(index, 1);
        else parent[index] = value;
      } else if (op === 'remove') delete parent[last as string];
      else parent[last as string] = value;
      return { root };
    }
    case 'arrayInsert': {
      if (typeof last !== 'number' || last < 0) return 'path_invalid';
      if (!Array.isArray(parent)) return 'path_mismatch';
      if (last > parent.length) return 'path_not_found';
      parent.splice(last, 0, value);
      return { root };
    }
    default:
      return applyArrayOp(root, parent, last, spec);
  }
}

/** arrayAppend, arrayPrepend and arrayAddUnique: the path names the array itself. */
function applyArrayOp(
  root: unknown,
  parent: Container,
  last: PathPart,
  spec: Pick<MutateInSpec, 'op' | 'value' | 'createPath'>,
): { root: unknown } | KvRefusal {
  const { op, value } = spec;
  if (op === 'arrayAddUnique' && !isPrimitive(value)) return 'value_invalid';
  const found = child(parent, last);
  if (found === 'path_not_found' && spec.createPath && typeof last === 'string') {
    if (!isObject(parent)) return 'path_mismatch';
    parent[last] = [value];
    return { root };
  }
  if (typeof found === 'string') return found;
  const array = found.value;
  if (!Array.isArray(array)) return 'path_mismatch';
  if (op === 'arrayAppend') array.push(value);
  else if (op === 'arrayPrepend') array.unshift(value);
  else {
    if (!array.every(isPrimitive)) return 'path_mismatch';
    if (array.includes(value)) return 'path_exists';
    array.push(value);
  }
  return { root };
}
