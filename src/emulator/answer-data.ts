import type { DocumentApi } from './document-api.ts';
import type { DocumentSnapshot, UpsertOptions } from './document-input.ts';

/**
 * The data as a query answer sees and changes it (the fourth argument of an em.query.on
 * handler). Writes take effect at once, so the handler that ran the statement reads them as
 * soon as the statement returns, and they reach the functions following those keyspaces as the
 * Query service's writes do: after the running invocation, never back to the function whose
 * statement made them unless it listens to that keyspace.
 *
 * @example
 * em.query.on(/^DELETE FROM bulk.data.transactions/, (statement, params, options, data) => {
 *   for (const key of data.keys('bulk.data.transactions'))
 *     if (data.get('bulk.data.transactions', key)?.value.user_id === params.numeric_id)
 *       data.remove('bulk.data.transactions', key);
 *   return [];
 * });
 */
export interface QueryAnswerData {
  /** A document as stored, or undefined. */
  get(keyspace: string, key: string): DocumentSnapshot | undefined;
  /** Keys of a keyspace, sorted. */
  keys(keyspace: string): string[];
  /** Creates or replaces a document, as an UPSERT or UPDATE would. */
  upsert(keyspace: string, key: string, value: unknown, options?: UpsertOptions): { cas: string };
  /** Deletes a document, as a DELETE would; false when there was none. */
  remove(keyspace: string, key: string): boolean;
}

export function createAnswerData(documents: DocumentApi): QueryAnswerData {
  return {
    get: (keyspace, key) => documents.get(keyspace, key),
    keys: (keyspace) => documents.keys(keyspace),
    upsert: (keyspace, key, value, options = {}) => {
      const record = documents.write(keyspace, key, value, options);
      return { cas: record.cas };
    },
    remove: (keyspace, key) => documents.remove(keyspace, key),
  };
}
