import type { Keyspace } from '../../definition/keyspace.ts';
import type {
  CollectionTable,
  DocumentRecord,
  DocumentTable,
  DueExpiry,
} from './document-table.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

// Documents as rows: one statement per write, whatever the number stored. JSON bodies are TEXT,
// binary ones BLOB, so each comes back as it went in.

interface DocumentRow {
  value: string | Uint8Array;
  cas: string;
  expiration: number;
  flags: number;
  xattrs: string | null;
  vb: number;
  seq: number;
}

const COLUMNS = 'value, cas, expiration, flags, xattrs, vb, seq';
/** Rows read at a time by a walk in key order. */
const PAGE = 64;

export function createSqliteDocumentTable(db: SqliteDatabase): DocumentTable {
  const keyspaces = new Map<number, Keyspace>();
  const idOf = (keyspace: Keyspace): number => {
    const { bucket, scope, collection } = keyspace;
    const find = () =>
      db.get<{ id: number }>(
        'SELECT id FROM collections WHERE bucket = ? AND scope = ? AND name = ?',
        bucket,
        scope,
        collection,
      )?.id;
    let id = find();
    if (id === undefined) {
      db.run(
        'INSERT INTO collections (bucket, scope, name) VALUES (?, ?, ?)',
        bucket,
        scope,
        collection,
      );
      id = find() as number;
    }
    keyspaces.set(id, { bucket, scope, collection });
    return id;
  };
  return {
    collection(keyspace) {
      return collectionTable(db, idOf(keyspace));
    },
    collections() {
      return db
        .all<{ bucket: string; scope: string; name: string }>(
          'SELECT bucket, scope, name FROM collections ORDER BY id',
        )
        .map(({ bucket, scope, name }) => ({ bucket, scope, collection: name }));
    },
    nextExpiry() {
      const row = db.get<{ due: number | null }>(
        'SELECT MIN(expiration) AS due FROM documents WHERE expiration > 0',
      );
      return row?.due == null ? undefined : row.due * 1000;
    },
    dueExpiry(now): DueExpiry | undefined {
      const row = db.get<DocumentRow & { collection: number; key: string }>(
        `SELECT collection, key, ${COLUMNS} FROM documents
         WHERE expiration > 0 AND expiration <= ? ORDER BY expiration LIMIT 1`,
        Math.floor(now / 1000),
      );
      if (!row) return undefined;
      const keyspace = keyspaces.get(row.collection);
      if (!keyspace) return undefined;
      return { keyspace, key: row.key, record: fromRow(row) };
    },
    clear() {
      db.run('DELETE FROM documents');
    },
    drop(keyspace) {
      const id = idOf(keyspace);
      db.run('DELETE FROM documents WHERE collection = ?', id);
      db.run('DELETE FROM collections WHERE id = ?', id);
      keyspaces.delete(id);
    },
    seqnos() {
      return db.all<{ bucket: string; vb: number; seq: number }>(
        'SELECT bucket, vb, seq FROM vbuckets',
      );
    },
    noteSeqno(bucket, vb, seq, cas) {
      db.run(
        `INSERT INTO vbuckets (bucket, vb, seq, cas) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET seq = excluded.seq, cas = max(cas, excluded.cas)`,
        bucket,
        vb,
        seq,
        cas,
      );
    },
    maxCas() {
      // Every change notes its CAS with its vBucket's seqno. CAS values are 19-digit decimals,
      // so text order is numeric order.
      const row = db.get<{ cas: string | null }>('SELECT MAX(cas) AS cas FROM vbuckets');
      return row?.cas ?? undefined;
    },
  };
}

function collectionTable(db: SqliteDatabase, id: number): CollectionTable {
  /** Bumped by every change, so that a walk in key order knows to read again. */
  let version = 0;
  return {
    get(key) {
      const row = db.get<DocumentRow>(
        `SELECT ${COLUMNS} FROM documents WHERE collection = ? AND key = ?`,
        id,
        key,
      );
      return row && fromRow(row);
    },
    put(key, record) {
      db.run(
        `INSERT OR REPLACE INTO documents (collection, key, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        key,
        record.value,
        record.cas,
        record.expiration,
        record.flags,
        record.xattrs === null ? null : JSON.stringify(record.xattrs),
        record.vb,
        record.seq,
      );
      version++;
    },
    delete(key) {
      db.run('DELETE FROM documents WHERE collection = ? AND key = ?', id, key);
      version++;
    },
    *entries() {
      const rows = db.iterate<DocumentRow & { key: string }>(
        `SELECT key, ${COLUMNS} FROM documents WHERE collection = ? ORDER BY key`,
        id,
      );
      for (const row of rows) yield [row.key, fromRow(row)] as [string, DocumentRecord];
    },
    // A page at a time, read again from the last key whenever the collection changed while the
    // walk was paused. SQLite's binary collation orders UTF-8 bytes: Unicode code point order.
    *inKeyOrder() {
      let after: string | undefined;
      for (;;) {
        const read = version;
        const page = db.all<DocumentRow & { key: string }>(
          after === undefined
            ? `SELECT key, ${COLUMNS} FROM documents WHERE collection = ? ORDER BY key LIMIT ${PAGE}`
            : `SELECT key, ${COLUMNS} FROM documents WHERE collection = ? AND key > ? ORDER BY key LIMIT ${PAGE}`,
          ...(after === undefined ? [id] : [id, after]),
        );
        for (const row of page) {
          after = row.key;
          yield [row.key, fromRow(row)] as [string, DocumentRecord];
          if (version !== read) break;
        }
        if (version === read && page.length < PAGE) return;
      }
    },
  };
}

function fromRow(row: DocumentRow): DocumentRecord {
  return {
    value: row.value,
    datatype: typeof row.value === 'string' ? 'json' : 'binary',
    cas: row.cas,
    expiration: row.expiration,
    flags: row.flags,
    xattrs: row.xattrs === null ? null : (JSON.parse(row.xattrs) as Record<string, unknown>),
    vb: row.vb,
    seq: row.seq,
  };
}
