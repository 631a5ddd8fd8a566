/**
 * An in-process counter that moves on after every write to the curriculum's models (programmes,
 * modules, lessons), whatever code path made it (publish, restore, reorder, move, delete, import).
 * Readers that keep published content in memory (the learner's course outline) compare it with
 * the value they loaded under, so a publish is visible on the very next request in this process
 * without any time-out. Writes made by another process (a second app instance, the import script
 * run beside a live server) are not seen here: such readers also bound their cache's age.
 */
import type { Schema } from 'mongoose';

let version = 0;

/** The current curriculum version of this process (compare for equality only). */
export function contentVersion(): number {
  return version;
}

function bump(): void {
  version += 1;
}

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
] as const;

/** Registers the hooks that bump the version after any write through `schema`'s model. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hooks apply to any of the three schemas
export function trackContentWrites(schema: Schema<any>): void {
  schema.post([...QUERY_WRITES], { document: false, query: true }, bump);
  schema.post(['save', 'deleteOne'], { document: true, query: false }, bump);
  schema.post('insertMany', bump);
  schema.post('bulkWrite', bump);
}
