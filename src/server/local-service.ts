import type { FunctionDefinition } from '../definition/types.ts';
import type { LifecycleRoute } from '../emulator/change-rules.ts';
import type { Emulator } from '../emulator/emulator.ts';
import type { CompositeStatus } from '../emulator/eventing-function.ts';
import type { BucketSettings } from './cluster-manager/bucket-form.ts';
import { compileFailure } from './compile-status.ts';
import { atLocation, readDefinition, restoreSecrets } from './definition-input.ts';
import { serviceErrorOf } from './error-catalogue.ts';
import {
  allocateName,
  type FunctionName,
  type FunctionRecord,
  fileOf,
  recordOf,
} from './function-record.ts';
import { GlobalConfig, namespaceOf } from './global-config.ts';
import { type FunctionLocation, formatLocation, locationKey } from './location.ts';
import type { CreatedKeyspace, Persistence, ServiceSnapshot } from './persistence.ts';

// The REST API's view of the Eventing service over one emulator. The emulator owns every
// function, its lifecycle and the rules for changing it; this layer only knows where each
// function lives (its function scope and name) and the global config, and turns the
// emulator's refusals into the server's error envelopes.

export interface LocalServiceParts {
  emulator: Emulator;
  persistence: Persistence;
}

export class LocalService {
  readonly emulator: Emulator;
  readonly config = new GlobalConfig();
  /** The settings of buckets created through the cluster manager's REST API, by name. */
  readonly buckets = new Map<string, BucketSettings>();
  /**
   * Scopes (`bucket.scope.*`) and collections created through the cluster manager's REST API,
   * by keyspace text, with the maxTTL a collection was created with.
   */
  readonly createdKeyspaces = new Map<string, CreatedKeyspace>();
  readonly #names = new Map<string, FunctionName>();
  readonly #parts: LocalServiceParts;
  #exclusive: Promise<unknown> = Promise.resolve();

  constructor(parts: LocalServiceParts) {
    this.emulator = parts.emulator;
    this.#parts = parts;
  }

  find(location: FunctionLocation): FunctionRecord | undefined {
    const name = this.#names.get(locationKey(location));
    return name && recordOf(name, this.emulator.function(name.internalName));
  }

  /** Every function, ordered by location. */
  get records(): FunctionRecord[] {
    return [...this.#names.values()]
      .sort((a, b) => (formatLocation(a.location) < formatLocation(b.location) ? -1 : 1))
      .map((name) => recordOf(name, this.emulator.function(name.internalName)));
  }

  /** The composite status GET /api/v1/status answers. */
  status(record: FunctionRecord): CompositeStatus {
    return record.function.status;
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
   * Creates or replaces the function at `location`: the emulator decides under 8.0.1+'s rules
   * and begins the transition the status flags ask for.
   * @throws ServiceError for every refusal; nothing is stored then.
   */
  async store(location: FunctionLocation, incoming: FunctionDefinition): Promise<void> {
    const known = this.#names.get(locationKey(location));
    const next = atLocation(incoming, location);
    if (known) restoreSecrets(next, this.emulator.function(known.internalName).definition);
    const internalName =
      known?.internalName ??
      allocateName(
        this.emulator.functions.map((fn) => fn.name),
        location.name,
      );
    try {
      await this.emulator.store(
        { ...next, appname: internalName },
        {
          location: formatLocation(location),
          filename: fileOf(location),
          maxAppcodeBytes: this.config.effective(namespaceOf(location)).function_size,
        },
      );
    } catch (error) {
      throw serviceErrorOf(compileFailure(error, next.appcode));
    }
    if (!known) this.#names.set(locationKey(location), { location, internalName });
  }

  /** POST …/appcode: replaces the code where the function stands. */
  async storeAppcode(record: FunctionRecord, appcode: string): Promise<void> {
    try {
      await this.emulator.setAppcode(record.internalName, appcode, {
        maxAppcodeBytes: this.config.effective(namespaceOf(record.location)).function_size,
      });
    } catch (error) {
      throw serviceErrorOf(compileFailure(error, appcode));
    }
  }

  /** The lifecycle routes: deploy, undeploy, pause, resume (spec §2.1–2.4, §3.2). */
  changeLifecycle(record: FunctionRecord, route: LifecycleRoute): void {
    try {
      this.emulator.begin(record.internalName, route);
    } catch (error) {
      throw serviceErrorOf(error);
    }
  }

  /** Hands the emulator the global settings it acts on, after a change of the config. */
  applyConfig(): void {
    this.emulator.allowInterbucketRecursion =
      this.config.effective('*').allow_interbucket_recursion;
  }

  /** @throws ServiceError ERR_APP_NOT_UNDEPLOYED unless the function is undeployed. */
  async remove(record: FunctionRecord): Promise<void> {
    // fidelity: the server deletes in the background; here the function is gone at once.
    await this.emulator.delete(record.internalName).catch((error: unknown) => {
      throw serviceErrorOf(error);
    });
    this.#names.delete(locationKey(record.location));
  }

  /** Everything worth keeping across a restart. */
  snapshot(): ServiceSnapshot {
    return {
      format: 'eventing-dev-serve',
      version: 1,
      // Documents and timers have tables of their own in the data directory.
      emulator: this.emulator.exportState({ documents: false, timers: false }),
      functions: this.records.map((record) => ({
        ...record.location,
        internalName: record.internalName,
        definition: record.definition,
        handleruuid: record.handleruuid,
        instanceId: record.instanceId,
      })),
      config: this.config.stored,
      buckets: Object.fromEntries(this.buckets),
      createdKeyspaces: Object.fromEntries(this.createdKeyspaces),
    };
  }

  /**
   * Takes up a snapshot whose emulator state is already imported (the emulator brings deployed
   * functions back and begins again the transitions a stop interrupted): the locations.
   */
  restore(snapshot: ServiceSnapshot): void {
    Object.assign(this.config.stored, snapshot.config);
    for (const [name, settings] of Object.entries(snapshot.buckets ?? {})) {
      this.buckets.set(name, settings);
      // The bucket's collections are in the store; its maxTTL is the emulator's to apply again.
      const maxTTL = settings.maxTTL === 0 ? {} : { maxTTL: settings.maxTTL };
      this.emulator.createKeyspace(`\`${name}\``, maxTTL);
    }
    for (const [keyspace, created] of Object.entries(snapshot.createdKeyspaces ?? {})) {
      this.createdKeyspaces.set(keyspace, created);
      this.emulator.createKeyspace(keyspace, created);
    }
    for (const stored of snapshot.functions) {
      const { bucket, scope, name, internalName, definition } = stored;
      // A hand-edited data file must fail here, at start-up, not at the first request.
      readDefinition(definition);
      this.emulator.function(internalName);
      this.#names.set(locationKey({ bucket, scope, name }), {
        location: { bucket, scope, name },
        internalName,
      });
    }
  }
}
