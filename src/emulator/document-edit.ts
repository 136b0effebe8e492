import { EventingDevError } from '../errors.ts';
import type { DocumentSnapshot } from './document-input.ts';

// em.edit: a stored document changed as the web console's document editor changes it. The
// editor saves the whole edited text as one plain set (ns_server's document endpoint), with the
// JSON common flags and no expiry: the document's expiry is cleared (a collection's maximum TTL
// then applies) and its user xattrs do not survive, as with any full-document write.

/**
 * What em.edit applies: fields to set at the top level of a JSON object (a field given as
 * `undefined` is removed), or a function from a copy of the current value to the new one.
 */
export type DocumentEdit = Record<string, unknown> | ((value: unknown) => unknown);

/** The RFC-20 common flags of a JSON document, which the console's editor writes. */
export const CONSOLE_JSON_FLAGS = 0x02000006;

/** The document's value after the edit. */
export function editedValue(
  where: { keyspace: string; key: string },
  current: DocumentSnapshot | undefined,
  edit: DocumentEdit,
): unknown {
  if (!current) {
    throw new EventingDevError(
      'DOCUMENT_INVALID',
      `There is no document ${where.key} in ${where.keyspace} to edit`,
      { hint: 'Create it first with em.upsert(keyspace, key, value).' },
    );
  }
  if (typeof edit === 'function') {
    const copy = structuredClone(current.value);
    const result = edit(copy);
    return result === undefined ? copy : result;
  }
  const value = current.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EventingDevError(
      'DOCUMENT_INVALID',
      `Document ${where.key} in ${where.keyspace} is not a JSON object, so it has no fields to change`,
      { hint: 'Pass a function instead: em.edit(keyspace, key, (value) => newValue).' },
    );
  }
  const edited: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [field, fieldValue] of Object.entries(edit)) {
    if (fieldValue === undefined) delete edited[field];
    else edited[field] = fieldValue;
  }
  return edited;
}
