/**
 * The catalog: databases -> collections, with mongod's rules and error codes for create, drop and
 * rename. Catalog changes are journaled through the same record sink as document writes, and
 * `applyRecord` replays any journal record (used at start-up).
 */
import { UUID } from 'bson';
import { MongoCommandError } from '../errors.js';
import type { CollectionInfo, Doc, IndexSpec } from './api.js';
import { Collection, type RecordSink } from './collection.js';

export class Catalog {
  protected readonly dbs = new Map<string, Map<string, Collection>>();

  constructor(protected readonly sink: RecordSink) {}

  listDatabases(): { name: string; sizeOnDisk: number; empty: boolean }[] {
    const out: { name: string; sizeOnDisk: number; empty: boolean }[] = [];
    for (const [name, colls] of this.dbs) {
      if (colls.size === 0) continue;
      let size = 0;
      for (const c of colls.values()) size += c.dataSize();
      out.push({ name, sizeOnDisk: size, empty: size === 0 });
    }
    return out;
  }

  listCollections(dbName: string): CollectionInfo[] {
    return Array.from(this.dbs.get(dbName)?.values() ?? [], (c) => c.info);
  }

  getCollection(dbName: string, name: string): Collection | undefined {
    return this.dbs.get(dbName)?.get(name);
  }

  /** Every collection, for sweeps and snapshots. */
  collections(): Collection[] {
    const out: Collection[] = [];
    for (const colls of this.dbs.values()) out.push(...colls.values());
    return out;
  }

  private attach(c: Collection): void {
    let colls = this.dbs.get(c.dbName);
    if (!colls) {
      colls = new Map();
      this.dbs.set(c.dbName, colls);
    }
    colls.set(c.name, c);
  }

  private detach(dbName: string, name: string): void {
    const colls = this.dbs.get(dbName);
    colls?.delete(name);
    if (colls && colls.size === 0) this.dbs.delete(dbName);
  }

  /** Creates (journaled) a collection that does not exist yet. */
  private make(dbName: string, name: string, options: Doc, uuid: unknown = new UUID()): Collection {
    if (!dbName || !name || name.includes('\0') || dbName.includes('\0')) {
      throw new MongoCommandError('InvalidNamespace', `Invalid namespace specified '${dbName}.${name}'`);
    }
    const frame = this.sink.encode({ o: 'cc', d: dbName, c: name, opts: options, u: uuid });
    const c = new Collection(dbName, name, { name, options, uuid }, this.sink);
    this.attach(c);
    if (frame) this.sink.append(frame);
    return c;
  }

  createCollection(dbName: string, name: string, options: Doc = {}): Collection {
    if (this.getCollection(dbName, name)) {
      throw new MongoCommandError('NamespaceExists', `Collection ${dbName}.${name} already exists.`);
    }
    return this.make(dbName, name, options);
  }

  ensureCollection(dbName: string, name: string): Collection {
    return this.getCollection(dbName, name) ?? this.make(dbName, name, {});
  }

  dropCollection(dbName: string, name: string): boolean {
    const c = this.getCollection(dbName, name);
    if (!c) return false;
    const frame = this.sink.encode({ o: 'dc', d: dbName, c: name });
    this.detach(dbName, name);
    c.dropped = true;
    if (frame) this.sink.append(frame);
    this.sink.dropped();
    return true;
  }

  dropDatabase(dbName: string): void {
    const colls = this.dbs.get(dbName);
    if (!colls) return;
    const frame = this.sink.encode({ o: 'dd', d: dbName });
    for (const c of colls.values()) c.dropped = true;
    this.dbs.delete(dbName);
    if (frame) this.sink.append(frame);
    this.sink.dropped();
  }

  renameCollection(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const source = this.getCollection(fromDb, from);
    if (!source) throw new MongoCommandError('NamespaceNotFound', 'Source collection does not exist');
    if (fromDb === toDb && from === to) {
      throw new MongoCommandError('IllegalOperation', "Can't rename a collection to itself");
    }
    const target = this.getCollection(toDb, to);
    if (target && !dropTarget) throw new MongoCommandError('NamespaceExists', 'Target namespace exists');
    const frame = this.sink.encode({ o: 'rn', d: fromDb, c: from, td: toDb, tc: to, dt: dropTarget });
    if (target) {
      this.detach(toDb, to);
      target.dropped = true;
    }
    this.detach(fromDb, from);
    source.dbName = toDb;
    source.name = to;
    source.info.name = to;
    this.attach(source);
    if (frame) this.sink.append(frame);
    this.sink.dropped();
  }

  /** Applies one journal record (the sink must not journal it again while this runs). */
  applyRecord(r: Doc): void {
    const d = r.d as string;
    const c = r.c as string;
    const coll = (): Collection => {
      const found = this.getCollection(d, c);
      if (!found) throw new Error(`journal refers to missing collection ${d}.${c}`);
      return found;
    };
    switch (r.o) {
      case 'i':
        return coll().insert(r.x as Doc);
      case 'u':
        return coll().replace(r.x as Doc);
      case 'r':
        coll().remove(r.k);
        return;
      case 'cc':
        if (this.getCollection(d, c)) throw new Error(`journal creates existing collection ${d}.${c}`);
        this.make(d, c, (r.opts as Doc) ?? {}, r.u);
        return;
      case 'dc':
        this.dropCollection(d, c);
        return;
      case 'dd':
        return this.dropDatabase(d);
      case 'rn':
        return this.renameCollection(d, c, r.td as string, r.tc as string, !!r.dt);
      case 'ci':
        coll().createIndex(r.s as IndexSpec);
        return;
      case 'di':
        return coll().dropIndex(r.n as string);
      case 'da':
        return coll().dropAllIndexes();
      default:
        throw new Error(`unknown journal record type ${String(r.o)}`);
    }
  }
}
