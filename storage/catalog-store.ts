// The catalog: collections (name, configuration, sequence and label counters)
// and payload index definitions. Rows only; callers own the meaning of config.

import type { Db } from './database.js';

export interface CollectionRow {
  id: number;
  name: string;
  config: string;
  next_label: number;
  seq: number;
  created_at: string;
}

export class CatalogStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      list: db.prepare('SELECT * FROM collections ORDER BY name'),
      byName: db.prepare('SELECT * FROM collections WHERE name = ?'),
      insert: db.prepare('INSERT INTO collections (name, config, created_at) VALUES (?, ?, ?) RETURNING *'),
      remove: db.prepare('DELETE FROM collections WHERE id = ?'),
      bumpSeq: db.prepare('UPDATE collections SET seq = seq + 1 WHERE id = ? RETURNING seq, next_label'),
      setNextLabel: db.prepare('UPDATE collections SET next_label = ? WHERE id = ?'),
      deletePoints: db.prepare('DELETE FROM points WHERE collection_id = ?'),
      deleteIndexes: db.prepare('DELETE FROM payload_indexes WHERE collection_id = ?'),
      listIndexes: db.prepare('SELECT field_name, field_schema FROM payload_indexes WHERE collection_id = ? ORDER BY field_name'),
      putIndex: db.prepare(`INSERT INTO payload_indexes (collection_id, field_name, field_schema, created_seq) VALUES (?, ?, ?, ?)
        ON CONFLICT (collection_id, field_name) DO UPDATE SET field_schema = excluded.field_schema, created_seq = excluded.created_seq`),
      deleteIndex: db.prepare('DELETE FROM payload_indexes WHERE collection_id = ? AND field_name = ?'),
    };
  }

  list(): CollectionRow[] {
    return this.stmts.list.all() as CollectionRow[];
  }

  byName(name: string): CollectionRow | undefined {
    return this.stmts.byName.get(name) as CollectionRow | undefined;
  }

  create(name: string, config: string): CollectionRow {
    return this.stmts.insert.get(name, config, new Date().toISOString()) as CollectionRow;
  }

  remove(id: number): void {
    this.db.transaction(() => {
      this.stmts.deletePoints.run(id);
      this.stmts.deleteIndexes.run(id);
      this.stmts.remove.run(id);
    })();
  }

  /** Starts a write: returns its sequence number and the next free label. Call inside a transaction. */
  beginWrite(id: number): { seq: number; nextLabel: number } {
    const row = this.stmts.bumpSeq.get(id) as { seq: number; next_label: number };
    return { seq: row.seq, nextLabel: row.next_label };
  }

  listIndexes(id: number): { field_name: string; field_schema: string }[] {
    return this.stmts.listIndexes.all(id) as { field_name: string; field_schema: string }[];
  }

  putIndex(id: number, field: string, schema: string, seq: number): void {
    this.stmts.putIndex.run(id, field, schema, seq);
  }

  /** Returns whether the index existed. */
  deleteIndex(id: number, field: string): boolean {
    return this.stmts.deleteIndex.run(id, field).changes > 0;
  }

  setNextLabel(id: number, nextLabel: number): void {
    this.stmts.setNextLabel.run(nextLabel, id);
  }
}
