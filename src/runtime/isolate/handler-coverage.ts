import type ivm from 'isolated-vm';
import { IsolateLink } from './inspector/isolate-link.ts';

// Coverage of handler code, from V8's precise (block) coverage inside each function's isolate,
// read through an inspector session as DevTools and c8 read it. Turned on once per process (the
// test workers of `eventing-dev test --coverage`), before any isolate is made: isolates are
// then created with the inspector enabled and count every block from the start. Each context's
// counts are taken when it is disposed (taking resets them, so a pooled isolate never counts a
// block twice) and kept here until collected.

/** One handler script's block counts, with what is needed to map them to the user's file. */
export interface ScriptCoverage {
  /** The handler's file as the function was loaded (as stacks show it). */
  filename: string;
  /** The script V8 ran: handler headers, the (transpiled) appcode, footers. */
  source: string;
  /** Lines the headers put before the appcode. */
  headerLineCount: number;
  /** V8's Profiler.FunctionCoverage entries for the script. */
  functions: unknown[];
}

/** The handler script of a context whose coverage is wanted. */
export interface CoveredScript {
  filename: string;
  source: string;
  headerLineCount: number;
}

let enabled = false;
const collected: ScriptCoverage[] = [];
const pending = new Set<Promise<void>>();
const sessions = new WeakMap<ivm.Isolate, CoverageSession>();

/** Turns handler coverage on for every isolate created from now on in this process. */
export function enableHandlerCoverage(): void {
  enabled = true;
}

export function handlerCoverageEnabled(): boolean {
  return enabled;
}

/**
 * Starts counting in a new isolate (created with `inspector: true`); resolves once V8 counts.
 * Code compiled before then gets no block counts, so isolates are readied ahead of use
 * (`readyIsolate` in isolate-pool.ts).
 */
export function startCoverage(isolate: ivm.Isolate): Promise<void> {
  let session = sessions.get(isolate);
  if (!session) {
    session = new CoverageSession(isolate);
    sessions.set(isolate, session);
  }
  return session.started;
}

/**
 * Takes the counts of `script` from its isolate, then calls `done` (which frees the context):
 * the context must stay alive until V8 has answered.
 */
export function takeCoverage(isolate: ivm.Isolate, script: CoveredScript, done: () => void): void {
  const session = sessions.get(isolate);
  if (!session) {
    done();
    return;
  }
  const taking = session
    .take()
    .then((scripts) => {
      const functions = scripts.find((entry) => entry.url === script.filename)?.functions;
      if (functions) collected.push({ ...script, functions });
    })
    .catch(() => undefined)
    .finally(() => {
      pending.delete(taking);
      done();
    });
  pending.add(taking);
}

/**
 * Forgets an isolate that is being thrown away. Its session is not ended first: disposing the
 * isolate ends it, while ending it just before the isolate goes can crash the process.
 */
export function stopCoverage(isolate: ivm.Isolate): void {
  sessions.delete(isolate);
}

/** Every count taken so far (waiting for takes under way), and forgets them. */
export async function collectHandlerCoverage(): Promise<ScriptCoverage[]> {
  while (pending.size > 0) await Promise.all([...pending]);
  return collected.splice(0);
}

interface V8ScriptCoverage {
  url: string;
  functions: unknown[];
}

/** A session counting blocks in one isolate. */
class CoverageSession {
  readonly #link: IsolateLink;

  /** Settles once V8 has started counting. */
  readonly started: Promise<void>;

  constructor(isolate: ivm.Isolate) {
    this.#link = new IsolateLink(isolate, 0, () => undefined);
    void this.#link.call('Profiler.enable', {});
    const precise = { callCount: true, detailed: true };
    this.started = this.#link.call('Profiler.startPreciseCoverage', precise).then(() => undefined);
  }

  async take(): Promise<V8ScriptCoverage[]> {
    const reply = await this.#link.call('Profiler.takePreciseCoverage', {});
    return (reply.result as { result?: V8ScriptCoverage[] } | undefined)?.result ?? [];
  }
}
