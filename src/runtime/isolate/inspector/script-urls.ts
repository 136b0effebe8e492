import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Handler scripts are named as the function was loaded (`functions/orders/handler.js`, relative
// to the working folder), which is what stacks and failures show. Editors set breakpoints by
// the file's absolute path or file URL, and show scripts by URL: the debugger sees each handler
// script under its file URL, and breakpoints given by path, URL or URL pattern are put in each
// isolate under the name its handler script really has.

/** The URL a debugger is shown for a handler script's name. */
export function toDebuggerUrl(name: string): string {
  if (name === '' || /^[a-z][a-z0-9+.-]*:/i.test(name)) return name;
  return pathToFileURL(resolve(name)).href;
}

/** Breakpoint parameters with a `url` or `urlRegex`, as a debugger sends them. */
export interface UrlBreakpoint {
  url?: string;
  urlRegex?: string;
  [field: string]: unknown;
}

/**
 * The breakpoint for the isolate whose handler script is named `scriptName`, or undefined when
 * it does not name that script.
 */
export function breakpointForScript(
  params: UrlBreakpoint,
  scriptName: string,
): UrlBreakpoint | undefined {
  const { url, urlRegex, ...rest } = params;
  const candidates = [scriptName, resolve(scriptName), toDebuggerUrl(scriptName)];
  if (url !== undefined) {
    return sameFile(url, scriptName) ? { ...rest, url: scriptName } : undefined;
  }
  if (urlRegex !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(urlRegex);
    } catch {
      return undefined;
    }
    return candidates.some((candidate) => pattern.test(candidate))
      ? { ...rest, url: scriptName }
      : undefined;
  }
  return undefined;
}

function sameFile(url: string, scriptName: string): boolean {
  if (url === scriptName) return true;
  const path = url.startsWith('file:') ? safePath(url) : isAbsolute(url) ? url : undefined;
  return path !== undefined && relative(resolve(scriptName), path) === '';
}

function safePath(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}
