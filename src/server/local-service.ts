import type { FunctionDefinition } from '../definition/types.ts';
import type { Emulator } from '../emulator/emulator.ts';
import { type CompositeStatus, ManagedFunction } from '../emulator/managed-function.ts';
import {
  checkChanges,
  checkEdit,
  checkLifecycle,
  checkSize,
  type LifecycleOp,
  onlyDynamicChanges,
  opOf,
} from './change-rules.ts';
import { compileFailure } from './compile-status.ts';
import {
  atLocation,
  readDefinition,
  restoreSecrets,
  sameDefinition,
  withIntent,
} from './definition-input.ts';
import { ServiceError } from './error-catalogue.ts';
import {
  allocateName,
  type FunctionRecord,
  fileOf,
  forEmulator,
  INTENT,
  intentOf,
  newHandlerUuid,
  newInstanceId,
  type TransitionState,
} from './function-record.ts';
import { GlobalConfig, namespaceOf } from './global-config.ts';
import { type FunctionLocation, formatLocation, locationKey } from './location.ts';
import type { Persistence, ServiceSnapshot } from './persistence.ts';
import { checkRecursion } from './recursion-rules.ts';
import type { TransitionScheduler } from './transition-scheduler.ts';

// The REST API's model of the Eventing service over one emulator. The emulator knows functions
// by a unique internal name and changes state at once; this layer adds what the REST API sees:
// function scopes, the stored definition with its lifecycle intent, the server's ids, and
// transitions (`deploying`, ...) that last a while before the emulator does the work.

export interface LocalServiceParts {
  emulator: Emulator;
  transitions: TransitionScheduler;
  persistence: Persistence;
  /** Lines for the operator (serve prints them). */
  log: (line: string) => void;
}

export class LocalService {
  readonly emulator: Emulator;
  readonly config = new GlobalConfig();
  readonly #records = new Map<string, FunctionRecord>();
  readonly #parts: LocalServiceParts;
  #exclusive: Promise<unknown> = Promise.resolve();

  constructor(parts: LocalServiceParts) {
    this.emulator = parts.emulator;
    this.#parts = parts;
  }

  find(location: FunctionLocation): FunctionRecord | undefined {
    return this.#records.get(locationKey(location));
  }

  /** Every function, ordered by location. */
  get records(): FunctionRecord[] {
    return [...this.#records.values()].sort((a, b) =>
      formatLocation(a.location) < formatLocation(b.location) ? -1 : 1,
    );
  }

  managed(record: FunctionRecord): ManagedFunction {
    const fn = this.emulator.function(record.internalName);
    if (!(fn instanceof ManagedFunction)) throw new Error('emulator function is not managed');
    return fn;
  }

  /** The composite status GET /api/v1/status answers. */
  status(record: FunctionRecord): CompositeStatus {
    return record.transition ?? this.managed(record).status;
  }

  /** Runs changes to functions one at a time, so each sees the state the last one left. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#exclusive.then(work);
    this.#exclusive = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the current state is durable (at once without a data directory). */
  persist(): Promise<void> {
    return this.#parts.persistence.save();
  }

  /**
   * Creates or replaces the function at `location` under 8.0.1+'s rules: the status flags of
   * `incoming` say which lifecycle operation to perform, the function's state says what may
   * change on the way. Compiles the handler as a save on the server does.
   * @throws ServiceError for every refusal; nothing is stored then.
   */
  async store(location: FunctionLocation, incoming: FunctionDefinition): Promise<FunctionRecord> {
    const record = this.find(location);
    const current = record ? this.status(record) : undefined;
    const where = formatLocation(location);
    const op = opOf(incoming.settings);
    checkEdit(where, current, op);
    const next = atLocation(incoming, location);
    if (record) {
      restoreSecrets(next, record.definition);
      checkChanges(where, current as CompositeStatus, op, record.definition, next);
    }
    checkSize(where, this.config.effective(namespaceOf(location)).function_size, next.appcode);
    if (op === 'deploy' && current !== 'deployed') this.#checkRecursion(record, next);
    return record
      ? this.#replace(record, current as CompositeStatus, next, op)
      : this.#create(location, next, op);
  }

  /** The lifecycle routes: deploy, undeploy, pause, resume (spec §2.1–2.4, §3.2). */
  changeLifecycle(record: FunctionRecord, route: 'deploy' | 'undeploy' | 'pause' | 'resume') {
    const current = this.status(record);
    checkLifecycle(formatLocation(record.location), current, route);
    if (route === 'deploy' || route === 'resume') this.#checkRecursion(record, record.definition);
    if (route === 'undeploy') return this.#begin(record, 'undeploying');
    if (route === 'pause') return this.#begin(record, 'pausing');
    this.#begin(record, current === 'paused' ? 'resuming' : 'deploying');
  }

  /** Hands the emulator the global settings it acts on, after a change of the config. */
  applyConfig(): void {
    this.emulator.allowInterbucketRecursion =
      this.config.effective('*').allow_interbucket_recursion;
  }

  /** Refuses a deploy or resume that breaks the recursion rules (spec §3.4). */
  #checkRecursion(record: FunctionRecord | undefined, next: FunctionDefinition): void {
    const others = [...this.#records.values()]
      .filter((other) => other !== record && this.status(other) !== 'undeployed')
      .map((other) => other.definition);
    const allow = this.config.effective('*').allow_interbucket_recursion;
    checkRecursion(next, others, allow);
  }

  /** @throws ServiceError ERR_APP_NOT_UNDEPLOYED unless the function is undeployed. */
  async remove(record: FunctionRecord): Promise<void> {
    if (this.status(record) !== 'undeployed') {
      throw new ServiceError(
        'ERR_APP_NOT_UNDEPLOYED',
        `Function: ${formatLocation(record.location)} skipping delete request as it hasn't been undeployed`,
      );
    }
    // fidelity: the server deletes in the background; here the function is gone at once.
    await this.emulator.delete(record.internalName);
    this.#records.delete(locationKey(record.location));
  }

  /** Everything worth keeping across a restart. */
  snapshot(): ServiceSnapshot {
    return {
      format: 'eventing-dev-serve',
      version: 1,
      // Documents and timers have tables of their own in the data directory.
      emulator: this.emulator.exportState({ documents: false, timers: false }),
      functions: [...this.#records.values()].map((record) => ({
        ...record.location,
        internalName: record.internalName,
        definition: record.definition,
        handleruuid: record.handleruuid,
        instanceId: record.instanceId,
      })),
      config: this.config.stored,
    };
  }

  /**
   * Takes up a snapshot: the emulator state is already imported; the records come back, and
   * every function is taken where its stored intent says (a restart brings deployed functions
   * back, and finishes transitions a stop interrupted).
   */
  async restore(snapshot: ServiceSnapshot): Promise<void> {
    Object.assign(this.config.stored, snapshot.config);
    for (const stored of snapshot.functions) {
      const { bucket, scope, name, internalName, definition, handleruuid, instanceId } = stored;
      const record: FunctionRecord = {
        location: { bucket, scope, name },
        internalName,
        // A hand-edited data file must fail here, at start-up, not at the first request.
        definition: readDefinition(definition),
        handleruuid,
        instanceId,
        transition: undefined,
      };
      this.#records.set(locationKey(record.location), record);
      if (!this.emulator.functions.some((fn) => fn.name === internalName)) {
        await this.emulator.define(forEmulator(record, definition), {
          filename: fileOf(record.location),
        });
      }
      await this.#syncDefinition(record);
      this.#resumeIntent(record);
    }
  }

  async #create(location: FunctionLocation, next: FunctionDefinition, op: LifecycleOp) {
    const handleruuid = newHandlerUuid();
    const record: FunctionRecord = {
      location,
      internalName: allocateName(
        this.emulator.functions.map((fn) => fn.name),
        location.name,
      ),
      definition: withIntent(next, INTENT.undeploy),
      handleruuid,
      instanceId: newInstanceId(handleruuid),
      transition: undefined,
    };
    try {
      await this.emulator.define(forEmulator(record, next), { filename: fileOf(location) });
    } catch (error) {
      throw compileFailure(error, next.appcode);
    }
    this.#records.set(locationKey(location), record);
    if (op === 'deploy') this.#begin(record, 'deploying');
    return record;
  }

  async #replace(
    record: FunctionRecord,
    current: CompositeStatus,
    next: FunctionDefinition,
    op: LifecycleOp,
  ): Promise<FunctionRecord> {
    const managed = this.managed(record);
    if (!sameDefinition(record.definition, next)) {
      const internal = forEmulator(record, next);
      try {
        if (managed.status === 'undeployed' || managed.status === 'paused') {
          await this.emulator.define(internal);
        } else if (onlyDynamicChanges(record.definition, next)) {
          // fidelity: dynamic settings reach a running function's definition at once, but
          // timer_context_size only binds handlers from the next deploy or resume.
          managed.definition = internal;
        } else {
          // The emulator takes it once the pause or undeploy is done (#syncDefinition).
          managed.checkHandler(internal);
        }
      } catch (error) {
        throw compileFailure(error, next.appcode);
      }
    }
    // The status flags of `next` are the current intent unless a transition begins below.
    record.definition = next;
    const begins: Record<string, TransitionState | undefined> = {
      'undeployed:deploy': 'deploying',
      'deployed:pause': 'pausing',
      'deployed:undeploy': 'undeploying',
      'paused:deploy': 'resuming',
      'paused:undeploy': 'undeploying',
    };
    const state = begins[`${current}:${op}`];
    if (state) this.#begin(record, state);
    return record;
  }

  #begin(record: FunctionRecord, state: TransitionState): void {
    const target = state === 'undeploying' ? 'undeploy' : state === 'pausing' ? 'pause' : 'deploy';
    record.transition = state;
    record.definition = withIntent(record.definition, INTENT[target]);
    if (state === 'deploying') {
      // 8.x gives a function new ids on every fresh deploy.
      record.handleruuid = newHandlerUuid();
      record.instanceId = newInstanceId(record.handleruuid);
    }
    this.#parts.transitions.schedule(() => this.#complete(record, state));
  }

  async #complete(record: FunctionRecord, state: TransitionState): Promise<void> {
    const managed = this.managed(record);
    try {
      if (state === 'deploying' || state === 'resuming') await managed.deploy();
      else if (state === 'pausing') await managed.pause();
      else await managed.undeploy();
    } catch (error) {
      // The emulator leaves the function where it was (a failed OnDeploy, for one): so does
      // the intent, as the server's does.
      this.#parts.log(
        `${formatLocation(record.location)}: ${state} failed: ${(error as Error).message}`,
      );
      record.definition = withIntent(record.definition, intentOf(managed.status));
    }
    // Serialised with the requests, so that no edit sees a half-finished transition.
    await this.exclusive(async () => {
      record.transition = undefined;
      await this.#syncDefinition(record);
    });
    await this.persist().catch((error: unknown) => {
      this.#parts.log(`cannot save the data directory: ${(error as Error).message}`);
    });
  }

  /** Hands the emulator the stored definition once it can take it (undeployed or paused). */
  async #syncDefinition(record: FunctionRecord): Promise<void> {
    const managed = this.managed(record);
    const wanted = forEmulator(record, record.definition);
    const changeable = managed.status === 'undeployed' || managed.status === 'paused';
    if (!changeable || sameDefinition(managed.definition, wanted)) return;
    await this.emulator.define(wanted).catch((error: unknown) => {
      this.#parts.log(`${formatLocation(record.location)}: ${(error as Error).message}`);
    });
  }

  /** After a restart: takes the function where its stored intent says. */
  #resumeIntent(record: FunctionRecord): void {
    const op = opOf(record.definition.settings);
    const resting = this.managed(record).status;
    if (op === 'deploy' && resting !== 'deployed') {
      this.#begin(record, resting === 'paused' ? 'resuming' : 'deploying');
    } else if (op === 'pause' && resting === 'deployed') {
      this.#begin(record, 'pausing');
    } else if (op === 'undeploy' && resting !== 'undeployed') {
      this.#begin(record, 'undeploying');
    } else if (op === 'pause' && resting === 'undeployed') {
      record.definition = withIntent(record.definition, INTENT.undeploy);
    }
  }
}
