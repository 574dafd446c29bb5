// The storage facade the engine holds: one SQLite database, its stores, and
// a transaction helper so one request commits as one transaction.

import { openDatabase, type Db, type OpenOptions } from './database.js';
import { CatalogStore } from './catalog-store.js';
import { PointStore } from './point-store.js';
import { QueryLogStore } from './query-log-store.js';
import { WorkloadStore } from './workload-store.js';

export class Storage {
  readonly catalog: CatalogStore;
  readonly points: PointStore;
  readonly queryLog: QueryLogStore;
  readonly workloads: WorkloadStore;

  private constructor(private readonly db: Db) {
    this.catalog = new CatalogStore(db);
    this.points = new PointStore(db);
    this.queryLog = new QueryLogStore(db);
    this.workloads = new WorkloadStore(db);
  }

  static open(options: OpenOptions): Storage {
    return new Storage(openDatabase(options));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
