import { fileURLToPath } from 'node:url';
import { keyspaceMatches } from '../definition/keyspace.ts';
import { loadDefinition } from '../definition/load-definition.ts';
import { parseDefinition } from '../definition/parse-definition.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import { EventingDevError } from '../errors.ts';
import type { DocumentChange } from '../runtime/index.ts';
import {
  checkAppcodeChange,
  checkChanges,
  checkDelete,
  checkEdit,
  checkLifecycle,
  checkSize,
  intentOf,
  type LifecycleOp,
  type LifecycleRoute,
  opOf,
  routeTransition,
  transitionFor,
} from './change-rules.ts';
import type { FunctionState } from './emulator-state.ts';
import { ManagedFunction, type ServiceContext } from './managed-function.ts';
import { refuseRecursion } from './recursion-guard.ts';
import { FunctionRefusal } from './refusal.ts';

export interface DefineOptions {
  /**
   * The handler's file name in stack traces and failures (default: the folder's handler.js,
   * else `<appname>.js`).
   */
  filename?: string;
}

/** How a definition is stored (the REST API's save, import and settings routes). */
export interface StoreOptions {
  /** The handler's file name in stack traces (a new function only; default `<appname>.js`). */
  filename?: string;
  /** How the server names the function in messages (a new function only; default its appname). */
  location?: string;
  /** The lifecycle operation to perform (default: what the definition's status flags ask for). */
  op?: LifecycleOp;
  /** Largest appcode in bytes (the global `function_size`); unlimited by default. */
  maxAppcodeBytes?: number;
  /** Compile the handler first, as the server does on save (default true). */
  compile?: boolean;
}

/** A stored function and the end of the transition its storing began (if any). */
export interface Stored {
  function: ManagedFunction;
  /** Settles when the function rests again; at once when no transition began. */
  done: Promise<void>;
}

/**
 * The functions of an emulator, by name: the one place that decides whether a function may be
 * created, changed, deployed, paused, resumed, undeployed or deleted (change-rules.ts), and that
 * begins the transition. A refused call throws before anything changes.
 */
export class FunctionRegistry {
  readonly byName = new Map<string, ManagedFunction>();
  readonly #context: ServiceContext;

  constructor(context: ServiceContext) {
    this.#context = context;
  }

  get(name: string): ManagedFunction {
    const found = this.byName.get(name);
    if (!found) {
      throw new EventingDevError('FUNCTION_NOT_FOUND', `No function named "${name}"`, {
        hint: `Functions: ${[...this.byName.keys()].join(', ') || 'none'}.`,
      });
    }
    return found;
  }

  /**
   * Stores a definition under 8.0.1+'s rules: the operation (the status flags unless given)
   * says which transition to begin, the function's status says what may change on the way.
   * @throws FunctionRefusal for every refusal, EventingDevError `HANDLER_INVALID` for code that
   *   does not compile; nothing is stored then.
   */
  async store(definition: FunctionDefinition, options: StoreOptions = {}): Promise<Stored> {
    const existing = this.byName.get(definition.appname);
    const current = existing?.status;
    const before = existing?.definition;
    const op = options.op ?? opOf(definition.settings);
    const fn = this.#checkStore(definition, options, op);
    if (options.compile !== false && needsCompile(before, definition)) {
      try {
        await fn.checkHandler(definition);
      } catch (error) {
        if (!existing) fn.dispose();
        throw error;
      }
      // The function changed while the handler compiled: decide again on what it is now.
      const now = this.byName.get(definition.appname);
      if (now !== existing || now?.status !== current || now?.definition !== before) {
        if (!existing) fn.dispose();
        return this.store(definition, options);
      }
    }
    // Checked and compiled: from here on nothing refuses.
    fn.replaceDefinition(definition);
    if (!existing) this.byName.set(fn.name, fn);
    const transition = transitionFor(current, op);
    return { function: fn, done: transition ? fn.begin(transition) : Promise.resolve() };
  }

  /** Applies the rules for storing `definition`; returns the function it would go to. */
  #checkStore(definition: FunctionDefinition, options: StoreOptions, op: LifecycleOp) {
    const existing = this.byName.get(definition.appname);
    const where = existing?.location ?? options.location ?? definition.appname;
    const current = existing?.status;
    checkEdit(where, current, op);
    if (existing) checkChanges(where, existing.status, op, existing.definition, definition);
    checkSize(where, options.maxAppcodeBytes, definition.appcode);
    const fn =
      existing ??
      new ManagedFunction(
        definition,
        {
          filename: options.filename ?? `${definition.appname}.js`,
          location: options.location,
        },
        this.#context,
      );
    if (op === 'deploy' && current !== 'deployed') this.#refuseRecursion(definition, fn);
    return fn;
  }

  /**
   * Adds a function, or changes an existing one where it stands (an undeployed or paused one
   * may change anything but its keyspaces; a deployed one only its dynamic settings).
   */
  async define(input: unknown, options: DefineOptions, compile: boolean): Promise<ManagedFunction> {
    const { definition, filename } = await readInput(input, options);
    const existing = this.byName.get(definition.appname);
    const op = existing ? intentOf(existing.status) : 'undeploy';
    return (await this.store(definition, { filename, op, compile })).function;
  }

  /**
   * Defines and deploys a function that is new or undeployed, and waits for the deploy to end.
   * A function this call introduced is not left behind when the deploy fails.
   */
  async deploy(input: unknown, options: DefineOptions): Promise<ManagedFunction> {
    const { definition, filename } = await readInput(input, options);
    const existing = this.byName.get(definition.appname);
    if (existing && existing.status !== 'undeployed') {
      // The REST API would resume a paused function here; the test API's deploy is a fresh one.
      checkEdit(existing.location, existing.status, 'deploy');
      throw new FunctionRefusal(
        existing.status === 'deployed' ? 'ERR_APP_ALREADY_DEPLOYED' : 'ERR_APP_PAUSED',
        `Invalid operation. Function: ${existing.location} already in ${existing.status} state.`,
        {
          message: `Function "${existing.name}" is already ${existing.status}`,
          hint: 'Undeploy it first, or give the new function another appname.',
        },
      );
    }
    const stored = await this.store(definition, { filename, op: 'deploy', compile: false });
    try {
      await stored.done;
    } catch (error) {
      if (!existing) this.byName.delete(definition.appname);
      throw error;
    }
    return stored.function;
  }

  /**
   * A lifecycle route (deploy, undeploy, pause, resume) for an existing function: throws at
   * once when refused, else returns the end of the transition it began.
   */
  lifecycle(fn: ManagedFunction, route: LifecycleRoute): Promise<void> {
    checkLifecycle(fn.location, fn.status, route);
    if (route === 'deploy' || route === 'resume') this.#refuseRecursion(fn.definition, fn);
    return fn.begin(routeTransition(fn.status, route));
  }

  /** Replaces the appcode, as POST …/appcode does (the same code again changes nothing). */
  async setAppcode(name: string, appcode: string, options: StoreOptions = {}): Promise<Stored> {
    const fn = this.get(name);
    if (appcode === fn.definition.appcode) return { function: fn, done: Promise.resolve() };
    checkAppcodeChange(fn.location, fn.status);
    return this.store({ ...fn.definition, appcode }, { ...options, op: intentOf(fn.status) });
  }

  delete(name: string): void {
    const fn = this.get(name);
    checkDelete(fn.location, fn.status);
    this.byName.delete(name);
    fn.dispose(); // closes its app log file
  }

  /** Offers a change to every function following a keyspace that covers it. */
  route(change: DocumentChange, suppressFor: string | undefined): void {
    for (const fn of this.byName.values()) {
      if (fn.listening && keyspaceMatches(fn.sourceKeyspace, change.keyspace))
        fn.offer(change, suppressFor);
    }
  }

  exportStates(timers = true): FunctionState[] {
    return [...this.byName.values()].map((fn) => fn.exportState(timers));
  }

  /** Takes up saved functions where they were; interrupted transitions begin again. */
  async importStates(states: readonly FunctionState[]): Promise<void> {
    if (this.byName.size > 0) {
      throw new EventingDevError(
        'FUNCTION_STATE',
        'State can only be imported into an emulator without functions',
        {
          hint: 'Import right after createEmulator().',
        },
      );
    }
    for (const saved of states) {
      const fn = new ManagedFunction(
        parseDefinition(saved.definition).definition,
        { filename: saved.filename, location: saved.location },
        this.#context,
      );
      this.byName.set(fn.name, fn);
      await fn.importState(saved);
    }
    for (const saved of states) {
      if (saved.transition) void this.get(saved.definition.appname).begin(saved.transition);
    }
  }

  dispose(): void {
    for (const fn of this.byName.values()) fn.dispose();
    this.byName.clear();
  }

  /** Deploying `definition` as `self` must not break the recursion rules. */
  #refuseRecursion(definition: FunctionDefinition, self: ManagedFunction): void {
    const others = [...this.byName.values()]
      .filter((other) => other !== self && other.status !== 'undeployed')
      .map((other) => other.definition);
    refuseRecursion(definition, others, {
      allowInterbucketRecursion: this.#context.allowInterbucketRecursion,
      filename: self.filename,
    });
  }
}

/** A definition from what the test API takes: an object, an array of one, a file or folder. */
async function readInput(
  input: unknown,
  options: DefineOptions,
): Promise<{ definition: FunctionDefinition; filename: string }> {
  const path = input instanceof URL ? fileURLToPath(input) : input;
  const loaded = typeof path === 'string' ? await loadDefinition(path) : undefined;
  const definition = parseDefinition(loaded ? loaded.definition : path).definition;
  const filename = options.filename ?? loaded?.handlerFile ?? `${definition.appname}.js`;
  return { definition, filename };
}

/** A new function, or a change of code or bindings, is compiled before it is stored. */
function needsCompile(before: FunctionDefinition | undefined, after: FunctionDefinition): boolean {
  return (
    !before ||
    before.appcode !== after.appcode ||
    JSON.stringify(before.depcfg) !== JSON.stringify(after.depcfg)
  );
}
