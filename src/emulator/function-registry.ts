import { fileURLToPath } from 'node:url';
import { keyspaceMatches } from '../definition/keyspace.ts';
import { loadDefinition } from '../definition/load-definition.ts';
import { parseDefinition } from '../definition/parse-definition.ts';
import { EventingDevError } from '../errors.ts';
import type { DocumentChange } from '../runtime/document-change.ts';
import type { FunctionState } from './emulator-state.ts';
import { ManagedFunction, type ServiceContext } from './managed-function.ts';

export interface DefineOptions {
  /**
   * The handler's file name in stack traces and failures (default: the folder's handler.js,
   * else `<appname>.js`).
   */
  filename?: string;
}

/** The functions of an emulator, by name, and the routing of changes to them. */
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
   * Adds a function, or replaces the definition of an undeployed or paused one. With
   * `compileCheck`, the handler is compiled first, as the server does on save.
   */
  async define(
    definition: unknown,
    options: DefineOptions,
    compileCheck: boolean,
  ): Promise<ManagedFunction> {
    const path = definition instanceof URL ? fileURLToPath(definition) : definition;
    const loaded = typeof path === 'string' ? await loadDefinition(path) : undefined;
    const parsed = parseDefinition(loaded ? loaded.definition : path).definition;
    const filename = options.filename ?? loaded?.handlerFile ?? `${parsed.appname}.js`;
    const existing = this.byName.get(parsed.appname);
    const fn = existing ?? new ManagedFunction(parsed, filename, this.#context);
    if (compileCheck) fn.checkHandler(parsed);
    if (existing) existing.update(parsed);
    else this.byName.set(parsed.appname, fn);
    return fn;
  }

  /** Defines (without a separate compile: the deploy compiles) and deploys a function. */
  async deploy(definition: unknown, options: DefineOptions): Promise<ManagedFunction> {
    const known = new Set(this.byName.keys());
    const fn = await this.define(definition, options, false);
    if (fn.status !== 'undeployed') {
      throw new EventingDevError(
        'FUNCTION_STATE',
        `Function "${fn.name}" is already ${fn.status}`,
        {
          hint: 'Undeploy it first, or give the new function another appname.',
        },
      );
    }
    try {
      await fn.deploy();
    } catch (error) {
      // A function this call introduced is not left behind half-made.
      if (!known.has(fn.name)) this.byName.delete(fn.name);
      throw error;
    }
    return fn;
  }

  delete(name: string): void {
    const fn = this.get(name);
    if (fn.status !== 'undeployed') {
      throw new EventingDevError('FUNCTION_STATE', `Function "${name}" is ${fn.status}`, {
        hint: 'Only an undeployed function can be deleted; undeploy it first.',
      });
    }
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

  importStates(states: readonly FunctionState[]): void {
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
        saved.filename,
        this.#context,
      );
      fn.importState(saved);
      this.byName.set(fn.name, fn);
    }
  }

  dispose(): void {
    for (const fn of this.byName.values()) fn.dispose();
    this.byName.clear();
  }
}
