import type { Keyspace } from '../../../src/definition/keyspace.ts';
import { compareStrings } from '../../../src/emulator/query/collation.ts';
import type { Scope } from '../../../src/emulator/query/expressions.ts';
import { bindParameters, type QueryParams } from '../../../src/emulator/query/parameters.ts';
import type {
  QueryStore,
  QueryStoreDocument,
  SourceRow,
  StatementContext,
} from '../../../src/emulator/query/query-store.ts';
import type { QueryExecution } from '../../../src/emulator/query/run-query.ts';
import { executeSelect } from '../../../src/emulator/query/select.ts';
import type { Clock } from '../../../src/runtime/ports.ts';

/** The clock of the query tests: always 2026-01-01T00:00:00Z. */
export const TEST_CLOCK: Clock = { now: () => Date.parse('2026-01-01T00:00:00Z') };

// A QueryStore over plain maps for the query tests: CAS counts up from 1000 per write, and
// documents can be seeded as JSON values or as binary bytes.

/** What a statement over `store` runs with, at the test clock's time. */
export function statementContext(
  store: QueryStore,
  source: string,
  params?: QueryParams,
): StatementContext {
  const context: StatementContext = {
    store,
    parameters: bindParameters(params),
    source,
    clock: TEST_CLOCK,
    timeZone: 'UTC',
    startedAt: TEST_CLOCK.now(),
    subquery: (select, outer) => [...executeSelect(select, context, outer)],
  };
  return context;
}

/** An execution with its rows read, as a test compares them. */
export function materialised(execution: QueryExecution): {
  rows: unknown[];
  mutationCount: number;
} {
  return { rows: [...execution.rows], mutationCount: execution.mutationCount };
}

/** A scope for evaluating expressions over `row` with `params`, outside any statement. */
export function scopeOf(row: SourceRow | undefined, params?: QueryParams): Scope {
  return { row, context: statementContext(createMemoryQueryStore(), '', params) };
}

export interface MemoryQueryStore extends QueryStore {
  /** Seeds a JSON document (or a binary one, for a Uint8Array) and returns its CAS. */
  put(keyspace: Keyspace, key: string, value: unknown, expiration?: number): string;
  /** The parsed JSON value under `key`, or undefined. */
  value(keyspace: Keyspace, key: string): unknown;
  /** Keys of a keyspace in insertion order. */
  keys(keyspace: Keyspace): string[];
}

export function createMemoryQueryStore(): MemoryQueryStore {
  const collections = new Map<string, Map<string, QueryStoreDocument>>();
  let cas = 1000;
  const docs = (keyspace: Keyspace) => {
    const name = `${keyspace.bucket}/${keyspace.scope}/${keyspace.collection}`;
    let found = collections.get(name);
    if (!found) {
      found = new Map();
      collections.set(name, found);
    }
    return found;
  };
  const write = (keyspace: Keyspace, key: string, value: string | Uint8Array, expiration = 0) => {
    cas += 1;
    const datatype = typeof value === 'string' ? 'json' : 'binary';
    docs(keyspace).set(key, { value, datatype, cas: String(cas), expiration, flags: 0 });
    return String(cas);
  };
  return {
    scan: (keyspace) => [...docs(keyspace).entries()].sort(([a], [b]) => compareStrings(a, b)),
    get: (keyspace, key) => docs(keyspace).get(key),
    insert(keyspace, key, json) {
      if (docs(keyspace).has(key)) return 'exists';
      write(keyspace, key, json);
      return 'ok';
    },
    upsert(keyspace, key, json) {
      write(keyspace, key, json);
    },
    remove: (keyspace, key) => docs(keyspace).delete(key),
    put: (keyspace, key, value, expiration) =>
      write(keyspace, key, value instanceof Uint8Array ? value : JSON.stringify(value), expiration),
    value(keyspace, key) {
      const stored = docs(keyspace).get(key);
      return typeof stored?.value === 'string' ? JSON.parse(stored.value) : stored?.value;
    },
    keys: (keyspace) => [...docs(keyspace).keys()],
  };
}
