import type { Keyspace } from '../definition/keyspace.ts';
import type { FunctionEvent, OnDeployAction } from './function-event.ts';

// Events enter the isolate as one JSON text per batch, parsed there once. Document bodies are
// JSON text already, so they are spliced in as they are instead of being escaped into strings;
// binary bodies travel beside the text as ArrayBuffers. `meta` travels as a tuple and the shim
// builds the object (spec runtime §1.6 key order), which is cheaper than parsing its keys.
//
// Payload: [keyspaces, ...events], keyspaces being [[bucket, scope, collection], ...] and
//   [1, key, cas, vb, seq, keyspaceIndex, expiration, doc, xattrs]          JSON mutation
//   [3, key, cas, vb, seq, keyspaceIndex, expiration, binaryIndex, xattrs]  binary mutation
//   [2, key, cas, vb, seq, keyspaceIndex, expired]                          deletion/expiry
//   [4, callbackName, hasContext, context?]                                  timer
//   [5, reason, delay]                                                       OnDeploy

export interface EventPayload {
  json: string;
  binaries: ArrayBuffer[] | undefined;
}

/** Encodes events for the shim's dispatch (see shim/dispatch.js). */
export function encodeEvents(changes: readonly FunctionEvent[]): EventPayload {
  const keyspaces = new Map<Keyspace, number>();
  let events = '';
  let binaries: ArrayBuffer[] | undefined;
  for (const change of changes) {
    if (change.kind === 'timer') {
      const context = change.context === 'undefined' ? '0' : `1,${change.context}`;
      events += `,[4,${JSON.stringify(change.callback)},${context}]`;
      continue;
    }
    let index = keyspaces.get(change.keyspace);
    if (index === undefined) {
      index = keyspaces.size;
      keyspaces.set(change.keyspace, index);
    }
    const common = `${JSON.stringify(change.key)},"${change.cas}",${change.vb},${change.seq},${index}`;
    if (change.kind !== 'mutation') {
      events += `,[2,${common},${change.kind === 'expiration'}]`;
    } else if (typeof change.value === 'string') {
      events += `,[1,${common},${change.expiration},${change.value},${xattrsJson(change.xattrs)}]`;
    } else {
      binaries ??= [];
      const bytes = change.value;
      binaries.push(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      events += `,[3,${common},${change.expiration},${binaries.length - 1},${xattrsJson(change.xattrs)}]`;
    }
  }
  const table = [...keyspaces.keys()].map((k) => [k.bucket, k.scope, k.collection]);
  return { json: `[${JSON.stringify(table)}${events}]`, binaries };
}

function xattrsJson(xattrs: Record<string, unknown> | null): string {
  return xattrs === null ? 'null' : JSON.stringify(xattrs);
}

/** Encodes the one OnDeploy invocation of a deploy or resume. */
export function encodeOnDeploy(action: OnDeployAction): EventPayload {
  return { json: `[[],[5,${JSON.stringify(action.reason)},${action.delay}]]`, binaries: undefined };
}
