// One debugger sees every handler isolate of the process as one JavaScript target. Each
// isolate numbers its scripts and execution contexts from 1, so the numbers a debugger sees are
// translated: every (isolate, local id) pair gets a process-wide id of its own, and commands
// naming one go back to that isolate with its local id.

/** Process-wide ids for the per-isolate ids of one kind (script ids, context ids). */
export class IdTable {
  readonly #toGlobal = new Map<string, string>();
  readonly #toLocal = new Map<string, { target: number; local: string }>();
  #next = 1;

  global(target: number, local: string | number): string {
    const key = `${target}:${local}`;
    let found = this.#toGlobal.get(key);
    if (found === undefined) {
      found = String(this.#next++);
      this.#toGlobal.set(key, found);
      this.#toLocal.set(found, { target, local: String(local) });
    }
    return found;
  }

  local(global: string | number): { target: number; local: string } | undefined {
    return this.#toLocal.get(String(global));
  }
}

export interface IdTables {
  scripts: IdTable;
  contexts: IdTable;
}

const CONTEXT_KEYS = new Set(['executionContextId', 'contextId']);

/**
 * Rewrites a message from isolate `target` for the debugger: script and context ids become
 * process-wide ones, script URLs pass through `renameUrl`. Returns a new value; the input is
 * not changed.
 */
export function toDebugger(
  value: unknown,
  target: number,
  ids: IdTables,
  renameUrl: (url: string) => string = (url) => url,
  key = '',
): unknown {
  if (Array.isArray(value)) return value.map((item) => toDebugger(item, target, ids, renameUrl));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      // Runtime.executionContextCreated names the context's id plain `id`.
      const isContextId = name === 'id' && key === 'context' && typeof item === 'number';
      out[name] = isContextId
        ? Number(ids.contexts.global(target, item))
        : toDebugger(item, target, ids, renameUrl, name);
    }
    return out;
  }
  if (key === 'url' && typeof value === 'string') return renameUrl(value);
  if (key === 'scriptId' && typeof value === 'string') return ids.scripts.global(target, value);
  if (CONTEXT_KEYS.has(key) && typeof value === 'number')
    return Number(ids.contexts.global(target, value));
  return value;
}

/**
 * The isolate a command's script or context ids point to, and the command's parameters in that
 * isolate's own ids; `target` is undefined when the parameters name none.
 */
export function toIsolate(
  params: unknown,
  ids: IdTables,
): { target: number | undefined; params: unknown } {
  let target: number | undefined;
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, ''));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) out[name] = walk(item, name);
      return out;
    }
    const table =
      key === 'scriptId' ? ids.scripts : CONTEXT_KEYS.has(key) ? ids.contexts : undefined;
    const found =
      table && (typeof value === 'string' || typeof value === 'number')
        ? table.local(value)
        : undefined;
    if (!found) return value;
    target = found.target;
    return typeof value === 'number' ? Number(found.local) : found.local;
  };
  const rewritten = walk(params, '');
  return { target, params: rewritten };
}
