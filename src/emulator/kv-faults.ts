import { type Keyspace, keyspaceMatches, parseKeyspace } from '../definition/keyspace.ts';
import { EventingDevError } from '../errors.ts';
import type { AdvancedOp } from '../runtime/index.ts';

// Fault injection, beyond what a server offers: a real cluster cannot be made to time out on
// demand, so a handler's error handling usually goes untested. Rules match the KV operations
// functions perform and make them fail the way the client library reports it.

/**
 * The KV operations of handler code, by their Eventing names: the `couchbase.*` accessors, which
 * the basic ones (`dst[k]`, `dst[k] = v`, `delete dst[k]`) map onto.
 */
export type KvFaultOp = AdvancedOp;

/**
 * How a matching operation fails: `timeout` and `temporary_failure` throw a KVError
 * (`LCB_ERR_TIMEOUT`, `LCB_ERR_TEMPORARY_FAILURE`); `not_found`, `exists` and `cas_mismatch`
 * give the result the server gives for them (a `{success: false}` result where the operation
 * has one, `undefined` for a basic read, a KVError otherwise).
 */
export type KvFaultError =
  | 'timeout'
  | 'temporary_failure'
  | 'not_found'
  | 'exists'
  | 'cas_mismatch';

/**
 * Which operations fail, and how. Every field left out matches everything.
 *
 * @example
 * em.faults.kv({ keyspace: 'shop.sales.orders', key: /^order::/, op: ['get', 'upsert'], error: 'temporary_failure', times: 3 });
 */
export interface KvFaultRule {
  /** `bucket` (its default collection), `bucket.scope.collection`, or with `*` parts. */
  keyspace?: string;
  /** The document key, exactly, or a pattern. */
  key?: string | RegExp;
  /** One operation or several. */
  op?: KvFaultOp | readonly KvFaultOp[];
  error: KvFaultError;
  /** How many matching operations fail before the rule stops applying (default: all). */
  times?: number;
}

/** An installed rule. */
export interface KvFault {
  /** How many operations the rule has failed so far. */
  readonly hits: number;
  /** Stops the rule from applying. */
  remove(): void;
}

const OPS: ReadonlySet<string> = new Set<KvFaultOp>([
  'get',
  'insert',
  'upsert',
  'replace',
  'delete',
  'touch',
  'increment',
  'decrement',
  'mutateIn',
  'lookupIn',
]);
const ERRORS: ReadonlySet<string> = new Set<KvFaultError>([
  'timeout',
  'temporary_failure',
  'not_found',
  'exists',
  'cas_mismatch',
]);

interface ActiveRule {
  keyspace: Keyspace | undefined;
  key: string | RegExp | undefined;
  ops: ReadonlySet<string> | undefined;
  error: KvFaultError;
  remaining: number;
  hits: number;
}

/** The emulator's fault rules, consulted before every KV operation of a function. */
export class KvFaults {
  readonly #rules: ActiveRule[] = [];

  /** @throws EventingDevError `ARGUMENT_INVALID` for an unknown error or operation. */
  add(rule: KvFaultRule): KvFault {
    const active = checkRule(rule);
    this.#rules.push(active);
    const rules = this.#rules;
    return {
      get hits() {
        return active.hits;
      },
      remove() {
        const at = rules.indexOf(active);
        if (at >= 0) rules.splice(at, 1);
      },
    };
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The error of the first rule matching the operation, counting it as a hit. */
  match(op: KvFaultOp, keyspace: Keyspace, key: string): KvFaultError | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining <= 0) continue;
      if (rule.ops && !rule.ops.has(op)) continue;
      if (rule.keyspace && !keyspaceMatches(rule.keyspace, keyspace)) continue;
      if (rule.key !== undefined && !keyMatches(rule.key, key)) continue;
      rule.remaining--;
      rule.hits++;
      return rule.error;
    }
    return undefined;
  }

  get empty(): boolean {
    return this.#rules.length === 0;
  }
}

function keyMatches(pattern: string | RegExp, key: string): boolean {
  if (typeof pattern === 'string') return pattern === key;
  pattern.lastIndex = 0;
  return pattern.test(key);
}

function checkRule(rule: KvFaultRule): ActiveRule {
  if (!ERRORS.has(rule?.error)) {
    throw invalidRule(`unknown error ${JSON.stringify(rule?.error)}`);
  }
  const ops = rule.op === undefined ? undefined : [rule.op].flat();
  for (const op of ops ?? []) {
    if (!OPS.has(op)) throw invalidRule(`unknown operation ${JSON.stringify(op)}`);
  }
  const times = rule.times ?? Number.POSITIVE_INFINITY;
  if (!(times >= 0)) throw invalidRule('times must be a number of operations (0 or more)');
  return {
    keyspace: rule.keyspace === undefined ? undefined : parseKeyspace(rule.keyspace),
    key: rule.key,
    ops: ops && new Set(ops),
    error: rule.error,
    remaining: times,
    hits: 0,
  };
}

function invalidRule(reason: string): EventingDevError {
  return new EventingDevError('ARGUMENT_INVALID', `Invalid KV fault rule: ${reason}`, {
    hint:
      `error is one of ${[...ERRORS].join(', ')}; op is one of ${[...OPS].join(', ')} ` +
      '(or a list of them); keyspace, key and times are optional.',
  });
}
