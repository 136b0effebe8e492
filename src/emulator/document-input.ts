import { EventingDevError } from '../errors.ts';
import type { Clock } from '../runtime/index.ts';
import type { DocumentRecord } from './store.ts';

// Turns what a test passes to em.upsert into what the store keeps, with errors that say what
// was wrong and how to fix it.

/** Options of em.upsert. */
export interface UpsertOptions {
  /**
   * When the document expires: a Date, or a number of seconds from now (on the emulator's
   * clock). Omitted means no expiry.
   */
  expiry?: Date | number;
  /** User extended attributes: names must not start with `_`. */
  xattrs?: Record<string, unknown>;
  /** Client flags stored with the document (not shown to handlers on 8.x). */
  flags?: number;
}

const MAX_KEY_BYTES = 250;

export function checkDocumentKey(key: unknown): string {
  const tooLong =
    typeof key === 'string' &&
    key.length * 3 > MAX_KEY_BYTES &&
    Buffer.byteLength(key) > MAX_KEY_BYTES;
  if (typeof key !== 'string' || key.length === 0 || tooLong) {
    throw new EventingDevError('DOCUMENT_INVALID', `Invalid document key ${JSON.stringify(key)}`, {
      hint: 'Document keys are non-empty strings of at most 250 bytes.',
    });
  }
  return key;
}

/** JSON values become JSON text; ArrayBuffers and typed arrays become binary bodies. */
export function documentBody(value: unknown): string | Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(
      value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength),
    );
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw invalidBody(`cannot be serialised as JSON (${(cause as Error).message})`, cause);
  }
  if (text === undefined) throw invalidBody(`is ${typeof value}, which is not a JSON value`);
  return text;
}

function invalidBody(reason: string, cause?: unknown): EventingDevError {
  return new EventingDevError('DOCUMENT_INVALID', `The document value ${reason}`, {
    hint: 'Pass a JSON value (object, array, string, number, boolean, null) or an ArrayBuffer/Uint8Array for a binary document.',
    cause,
  });
}

/** Absolute expiry in epoch seconds (0 for none), as the Data service stores it. */
export function expirationOf(expiry: Date | number | undefined, clock: Clock): number {
  if (expiry === undefined) return 0;
  const ms = expiry instanceof Date ? expiry.getTime() : clock.now() + expiry * 1000;
  if (!Number.isFinite(ms) || (typeof expiry === 'number' && expiry < 0)) {
    throw new EventingDevError('DOCUMENT_INVALID', `Invalid expiry ${String(expiry)}`, {
      hint: 'Give expiry as a Date or as a non-negative number of seconds from now.',
    });
  }
  return Math.floor(ms / 1000);
}

export function checkXattrs(
  xattrs: Record<string, unknown> | undefined,
): Record<string, unknown> | null {
  if (xattrs === undefined) return null;
  for (const name of Object.keys(xattrs)) {
    if (name.startsWith('_') || name.length === 0) {
      throw new EventingDevError(
        'DOCUMENT_INVALID',
        `Invalid user xattr name ${JSON.stringify(name)}`,
        {
          hint: 'User extended attribute names are non-empty and must not start with "_" (that prefix is for system xattrs).',
        },
      );
    }
  }
  return JSON.parse(JSON.stringify(xattrs)) as Record<string, unknown>;
}

/** What em.get returns for a document. */
export interface DocumentSnapshot {
  /** The parsed JSON value, or the bytes of a binary document. */
  value: unknown;
  cas: string;
  /** Absolute expiry in epoch seconds, 0 for none. */
  expiration: number;
  datatype: 'json' | 'binary';
  /** Client flags, as the SDK or the Data API stored them (0 when none were given). */
  flags: number;
  xattrs: Record<string, unknown> | null;
}

/** What em.get returns for a stored record: parsed JSON, or a copy of the bytes. */
export function snapshot(record: DocumentRecord): DocumentSnapshot {
  return {
    value:
      typeof record.value === 'string' ? JSON.parse(record.value) : new Uint8Array(record.value),
    cas: record.cas,
    expiration: record.expiration,
    datatype: record.datatype,
    flags: record.flags,
    xattrs: record.xattrs === null ? null : structuredClone(record.xattrs),
  };
}
