import { breakpointForScript, type UrlBreakpoint } from './script-urls.ts';

/**
 * V8's id of a breakpoint by URL: `1:line:column:url`, or `3:line:column:pattern` for a URL
 * pattern. The debugger knows a breakpoint by the id of what it asked for; an isolate by the id
 * of the breakpoint as put there, under its own script name.
 */
export function breakpointIdOf(params: unknown): string {
  const { lineNumber, columnNumber, url, urlRegex } = params as UrlBreakpoint & {
    lineNumber: number;
    columnNumber?: number;
  };
  const kind = url !== undefined ? 1 : 3;
  return `${kind}:${lineNumber}:${columnNumber ?? 0}:${url ?? urlRegex ?? ''}`;
}

/** The breakpoints a debugger has set, by the id it knows them by. */
export class BreakpointBook {
  readonly #byId = new Map<string, UrlBreakpoint>();

  add(params: unknown): void {
    this.#byId.set(breakpointIdOf(params), params as UrlBreakpoint);
  }

  remove(debuggerId: string): void {
    this.#byId.delete(debuggerId);
  }

  /** The breakpoint as the isolate with handler script `scriptName` takes it, if it is there. */
  forScript(params: unknown, scriptName: string): UrlBreakpoint | undefined {
    return breakpointForScript(params as UrlBreakpoint, scriptName);
  }

  /** The isolate's id for a breakpoint the debugger knows as `debuggerId`. */
  localId(debuggerId: string, scriptName: string): string {
    const params = this.#byId.get(debuggerId);
    const local = params && breakpointForScript(params, scriptName);
    return local ? breakpointIdOf(local) : debuggerId;
  }

  /** The debugger's id for a breakpoint an isolate knows as `localId`. */
  debuggerId(localId: string, scriptName: string): string {
    for (const [debuggerId, params] of this.#byId) {
      const local = breakpointForScript(params, scriptName);
      if (local && breakpointIdOf(local) === localId) return debuggerId;
    }
    return localId;
  }
}
