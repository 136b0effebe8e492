import type ivm from 'isolated-vm';
import { BreakpointBook, breakpointIdOf } from './breakpoint-book.ts';
import { IsolateLink, type ProtocolReply } from './isolate-link.ts';
import { type IdTables, toDebugger, toIsolate } from './protocol-ids.ts';
import { toDebuggerUrl } from './script-urls.ts';

// Commands that set up how a debugger debugs rather than act on one isolate: they go to every
// handler isolate, and are played again into each isolate made later, so a breakpoint set
// before a function is deployed stops in it, in every test.
const REPLAYED = new Set([
  'Runtime.enable',
  'Debugger.enable',
  'Debugger.setPauseOnExceptions',
  'Debugger.setAsyncCallStackDepth',
  'Debugger.setBlackboxPatterns',
  'Debugger.setBreakpointByUrl',
  'Debugger.setBreakpointsActive',
  'Debugger.setSkipAllPauses',
  'Profiler.enable',
]);
const BROADCAST = new Set([
  ...REPLAYED,
  'Runtime.runIfWaitingForDebugger',
  'Debugger.removeBreakpoint',
  'Debugger.disable',
  'Runtime.disable',
]);

// eventing-dev's own scripts in the isolate (the Eventing built-ins): stepping goes over them,
// as it goes over Node's internals.
const OWN_SCRIPTS = '^eventing-dev:';

/** A handler isolate as the connection sees it. */
export interface InspectedTarget {
  index: number;
  isolate: ivm.Isolate;
  /** The handler script's name in the isolate. */
  scriptName: string;
}

interface LinkEntry {
  link: IsolateLink;
  scriptName: string;
  /** Settles once the debugger's set-up has been played into the isolate. */
  ready: Promise<void>;
}

/** One debugger attached to the process's handler isolates, as one JavaScript target. */
export class DebuggerConnection {
  readonly #send: (message: string) => void;
  readonly #ids: IdTables;
  readonly #onRun: () => void;
  readonly #links = new Map<number, LinkEntry>();
  readonly #contexts = new Map<number, Set<number>>();
  readonly #remembered: { method: string; params: unknown }[] = [];
  readonly #breakpoints = new BreakpointBook();
  #paused: IsolateLink | undefined;
  #latest: IsolateLink | undefined;

  constructor(send: (message: string) => void, ids: IdTables, onRun: () => void) {
    this.#send = send;
    this.#ids = ids;
    this.#onRun = onRun;
  }

  /** Handles a message from the debugger. */
  receive(text: string): void {
    let command: { id: number; method: string; params?: unknown };
    try {
      command = JSON.parse(text);
    } catch {
      return;
    }
    const { id, method, params = {} } = command;
    if (method === 'Runtime.runIfWaitingForDebugger') this.#onRun();
    if (BROADCAST.has(method)) this.#broadcast(id, method, params);
    else this.#route(id, method, params);
  }

  /** Opens a session in a new isolate and replays the debugger's set-up into it. */
  async attach(target: InspectedTarget): Promise<void> {
    const link = new IsolateLink(target.isolate, target.index, (method, params) =>
      this.#event(link, method, params),
    );
    const replayed = [...this.#remembered];
    const entry: LinkEntry = { link, scriptName: target.scriptName, ready: Promise.resolve() };
    // Commands the debugger sends meanwhile wait for the set-up, which V8 must see first.
    entry.ready = (async () => {
      for (const { method, params } of replayed) {
        await this.#send1(link, method, this.#localize(target.scriptName, method, params));
      }
    })();
    this.#links.set(target.index, entry);
    this.#latest = link;
    await entry.ready;
  }

  /** Closes the session in an isolate that goes away; the debugger sees its context go. */
  async detach(index: number): Promise<void> {
    const entry = this.#links.get(index);
    if (!entry) return;
    this.#links.delete(index);
    // Nothing is left stopped at a breakpoint of a debugger that is no longer there.
    if (this.#paused === entry.link) await entry.link.call('Debugger.resume', {});
    await entry.link.close();
    if (this.#paused === entry.link) this.#paused = undefined;
    if (this.#latest === entry.link) this.#latest = [...this.#links.values()].at(-1)?.link;
    for (const context of this.#contexts.get(index) ?? []) {
      this.#notify('Runtime.executionContextDestroyed', { executionContextId: context });
    }
    this.#contexts.delete(index);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#links.keys()].map((index) => this.detach(index)));
  }

  #broadcast(id: number, method: string, params: unknown): void {
    if (REPLAYED.has(method)) this.#remembered.push({ method, params });
    if (method === 'Debugger.setBreakpointByUrl') this.#breakpoints.add(params);
    const entries = [...this.#links.values()];
    const replies = Promise.all(entries.map((entry) => this.#call(entry, method, params)));
    if (method === 'Debugger.removeBreakpoint') this.#forget(params);
    void replies.then((answers) => this.#reply(id, answerFor(method, params, answers)));
  }

  /**
   * Sends a broadcast command to one isolate, in that isolate's terms, once its set-up is
   * there. The terms are settled at once: the debugger's next command may change them.
   */
  #call(entry: LinkEntry, method: string, params: unknown): Promise<ProtocolReply | undefined> {
    const local = this.#localize(entry.scriptName, method, params);
    return entry.ready.then(() => this.#send1(entry.link, method, local));
  }

  async #send1(
    link: IsolateLink,
    method: string,
    local: unknown,
  ): Promise<ProtocolReply | undefined> {
    if (local === undefined) return undefined;
    const reply = await link.call(method, local);
    if (method === 'Debugger.enable') {
      await link.call('Debugger.setBlackboxPatterns', { patterns: [OWN_SCRIPTS] });
    }
    return { ...reply, result: this.#forDebugger(reply.result, link.target) };
  }

  /** A broadcast command's parameters for the isolate of `scriptName`; undefined: not for it. */
  #localize(scriptName: string, method: string, params: unknown): unknown {
    if (method === 'Debugger.setBreakpointByUrl') {
      return this.#breakpoints.forScript(params, scriptName);
    }
    if (method === 'Debugger.removeBreakpoint') {
      const breakpointId = (params as { breakpointId: string }).breakpointId;
      return { breakpointId: this.#breakpoints.localId(breakpointId, scriptName) };
    }
    if (method === 'Debugger.setBlackboxPatterns') {
      const patterns = (params as { patterns?: string[] }).patterns ?? [];
      return { ...(params as object), patterns: [...patterns, OWN_SCRIPTS] };
    }
    return params;
  }

  #route(id: number, method: string, params: unknown): void {
    const { target, params: local } = toIsolate(params, this.#ids);
    const link =
      (target !== undefined && this.#links.get(target)?.link) || this.#paused || this.#latest;
    if (!link) {
      this.#reply(id, { error: { code: -32000, message: 'No handler isolate is running' } });
      return;
    }
    void link.call(method, local).then((reply) => {
      this.#reply(id, { ...reply, result: this.#forDebugger(reply.result, link.target) });
    });
  }

  #event(link: IsolateLink, method: string, params: unknown): void {
    if (method === 'Debugger.paused') this.#paused = link;
    if (method === 'Debugger.resumed' && this.#paused === link) this.#paused = undefined;
    const rewritten = this.#forDebugger(params, link.target) as Record<string, unknown>;
    if (method === 'Runtime.executionContextCreated') {
      const context = (rewritten.context as { id: number }).id;
      const known = this.#contexts.get(link.target) ?? new Set<number>();
      known.add(context);
      this.#contexts.set(link.target, known);
    }
    const scriptName = this.#links.get(link.target)?.scriptName;
    if (method === 'Debugger.breakpointResolved' && scriptName !== undefined) {
      rewritten.breakpointId = this.#breakpoints.debuggerId(
        rewritten.breakpointId as string,
        scriptName,
      );
    }
    this.#notify(method, rewritten);
  }

  #forDebugger(value: unknown, target: number): unknown {
    const scriptName = this.#links.get(target)?.scriptName;
    return toDebugger(value, target, this.#ids, (url) =>
      url === scriptName ? toDebuggerUrl(url) : url,
    );
  }

  #forget(params: unknown): void {
    const { breakpointId } = params as { breakpointId: string };
    this.#breakpoints.remove(breakpointId);
    const index = this.#remembered.findIndex(
      (entry) =>
        entry.method === 'Debugger.setBreakpointByUrl' &&
        breakpointIdOf(entry.params) === breakpointId,
    );
    if (index >= 0) this.#remembered.splice(index, 1);
  }

  #reply(id: number, reply: ProtocolReply): void {
    const message = reply.error ? { id, error: reply.error } : { id, result: reply.result ?? {} };
    this.#send(JSON.stringify(message));
  }

  #notify(method: string, params: unknown): void {
    this.#send(JSON.stringify({ method, params }));
  }
}

/** One answer for a command every isolate ran (or none could yet): as V8 would give it. */
function answerFor(
  method: string,
  params: unknown,
  replies: (ProtocolReply | undefined)[],
): ProtocolReply {
  const answered = replies.filter((reply): reply is ProtocolReply => reply !== undefined);
  if (method === 'Debugger.setBreakpointByUrl') {
    const locations = answered.flatMap(
      (reply) => (reply.result as { locations?: unknown[] } | undefined)?.locations ?? [],
    );
    return { result: { breakpointId: breakpointIdOf(params), locations } };
  }
  const first = answered.find((reply) => !reply.error) ?? answered[0];
  if (first) return first;
  if (method === 'Debugger.enable') return { result: { debuggerId: 'eventing-dev' } };
  return { result: {} };
}
