import { formatKeyspace, parseKeyspace } from '../definition/keyspace.ts';
import type { FunctionDefinition } from '../definition/types.ts';
import type { DocumentRecord, Store } from './store.ts';
import type { PendingTimer } from './timer-store.ts';

// Everything that outlives a process of the local service: documents (with CAS, expiry,
// xattrs, vBucket and seqno), function definitions, their lifecycle state and pending timers.
// Statistics and the app log start afresh, as they do when a Couchbase node restarts.

/** One stored document; binary bodies are base64. */
export interface DocumentState {
  keyspace: string;
  key: string;
  json?: string;
  base64?: string;
  cas: string;
  expiration: number;
  flags: number;
  xattrs: Record<string, unknown> | null;
  vb: number;
  seq: number;
}

/** A function's persistent state. */
export interface FunctionState {
  definition: FunctionDefinition;
  filename: string;
  /** How the server names it (`name` or `bucket/scope/name`); its appname when absent. */
  location?: string;
  /** Where it rested last. */
  status: 'undeployed' | 'deployed' | 'paused';
  /** A transition under way when the state was taken: it begins again on import. */
  transition?: 'deploying' | 'undeploying' | 'pausing' | 'resuming';
  handleruuid?: number;
  instanceId: string;
  /** Epoch ms of the pause, for the delay OnDeploy sees on resume. */
  pausedAt: number;
  timers: PendingTimer[];
}

export interface EmulatorState {
  version: 1;
  /** The clock when the state was taken (epoch ms). */
  now: number;
  documents: DocumentState[];
  functions: FunctionState[];
}

export function exportDocuments(store: Store): DocumentState[] {
  const documents: DocumentState[] = [];
  for (const collection of store.collections()) {
    const keyspace = formatKeyspace(collection.keyspace);
    for (const [key, record] of collection.table.entries()) {
      const body =
        typeof record.value === 'string'
          ? { json: record.value }
          : { base64: Buffer.from(record.value).toString('base64') };
      const { cas, expiration, flags, xattrs, vb, seq } = record;
      documents.push({ keyspace, key, ...body, cas, expiration, flags, xattrs, vb, seq });
    }
  }
  return documents;
}

export function importDocuments(store: Store, documents: readonly DocumentState[]): void {
  for (const document of documents) {
    const { keyspace, key, json, base64, ...meta } = document;
    const record: DocumentRecord = {
      value: json ?? new Uint8Array(Buffer.from(base64 ?? '', 'base64')),
      datatype: json === undefined ? 'binary' : 'json',
      ...meta,
    };
    store.restore(parseKeyspace(keyspace), key, record);
  }
}
