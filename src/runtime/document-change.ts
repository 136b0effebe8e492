import type { Keyspace } from '../definition/keyspace.ts';

/** A change of a source document, as the Data service's change feed (DCP) delivers it. */
export type DocumentChange = DocumentMutation | DocumentRemoval;

interface ChangeBase {
  keyspace: Keyspace;
  key: string;
  /** CAS of the change, as a decimal string. */
  cas: string;
  /** vBucket of the key and the change's sequence number within it. */
  vb: number;
  seq: number;
}

export interface DocumentMutation extends ChangeBase {
  kind: 'mutation';
  value: string | Uint8Array;
  datatype: 'json' | 'binary';
  /** Absolute expiry in epoch seconds, 0 for none. */
  expiration: number;
  xattrs: Record<string, unknown> | null;
}

export interface DocumentRemoval extends ChangeBase {
  /** An explicit delete, or the document expired. */
  kind: 'deletion' | 'expiration';
}
