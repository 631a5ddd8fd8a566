/**
 * Read caches for the few small reads that every signed-in page makes (the session, the person,
 * a learner's progress), kept exact by the embedded engine's change counters.
 *
 * When this process runs the embedded engine (the default install), connection.ts hands the
 * engine's counters to `watchChanges`. A cached read then takes a stamp for the documents it
 * depends on before it loads them, and serves its copy only while the stamp is unchanged: any
 * write to those documents - by this process, another request, a CLI script or a second process
 * over TCP - moves the stamp, so the next read goes to the database. Nothing is ever served
 * that the database no longer holds; there is no time-to-live to tune.
 *
 * On a real MongoDB (MONGODB_URI) there are no counters, `watchChanges` is never called and every
 * read goes to the database, as before: several app processes can share that database safely.
 */
import type { Model } from 'mongoose';
import { deepFreeze } from '../lib/freeze.js';

/** Fields the engine counts writes by; a cached read keyed by another field adds it here. */
export const WATCHED_FIELDS = ['_id', 'user'] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** Where stamps come from (the embedded engine's ChangeCounters). */
export interface ChangeWatch {
  stamp(ns: string, field: string, value: unknown): number;
  collectionStamp(ns: string): number;
}

/** The documents a cached value was read from: those of `ns` whose `field` equals `value`. */
export interface Dependency {
  ns: string;
  field: WatchedField;
  value: unknown;
}

let watch: ChangeWatch | null = null;
const caches = new Set<ReadCache<unknown>>();

/** Turns the caches on (with the running engine's counters) or off (null); both empty them. */
export function watchChanges(next: ChangeWatch | null): void {
  watch = next;
  for (const cache of caches) cache.clear();
}

/**
 * For caches of their own that depend on whole collections: a value that moves whenever any of
 * `namespaces` is written, by any process; null when there are no counters (MONGODB_URI).
 */
export function collectionsStamp(namespaces: readonly string[]): string | null {
  return watch ? namespaces.map((ns) => watch!.collectionStamp(ns)).join(':') : null;
}

/** Whether cached reads are in use (the process runs the embedded engine). */
export function readCachesEnabled(): boolean {
  return watch !== null;
}

/** `db.collection`, the namespace the engine counts a model's writes under. */
export function namespaceOf(model: Pick<Model<unknown>, 'db' | 'collection'>): string {
  return `${model.db.name}.${model.collection.collectionName}`;
}

/**
 * One kind of cached read. Values are frozen and shared between requests: callers must not
 * change them (strict mode makes any attempt throw), with or without the cache. Oldest entries
 * go first past `max`.
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, { stamp: number; value: T }>();

  constructor(private readonly max = 10_000) {
    caches.add(this as ReadCache<unknown>);
  }

  async read(key: string, dep: Dependency, load: () => Promise<T>): Promise<T> {
    const current = watch;
    // Frozen either way, so code that would change a shared copy fails in every set-up alike.
    if (!current) return deepFreeze(await load());
    // The stamp is taken BEFORE loading: a write landing while we load moves it past ours.
    const stamp = current.stamp(dep.ns, dep.field, dep.value);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = deepFreeze(await load());
    if (watch === current) {
      this.entries.delete(key);
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { stamp, value });
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
