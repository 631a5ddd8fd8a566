/**
 * TTL: which documents of a TTL index have expired. A document expires when the indexed date plus
 * `expireAfterSeconds` has passed; for an array of dates, when its earliest one has. Documents
 * whose field is not a date never expire (as in mongod).
 */
import { typeRank } from '../bson-order.js';
import type { CollectionIndex, Rec } from './collection-index.js';

const DATE_RANK = 45;

/** The records of `ix` expired at `now` (none if `ix` is not a TTL index). */
export function expiredRecords(ix: CollectionIndex, now: Date): Rec[] {
  if (ix.ttlSeconds === null || !Number.isFinite(ix.ttlSeconds)) return [];
  const cutoff = now.getTime() - ix.ttlSeconds * 1000;
  const out: Rec[] = [];
  const seen = new Set<Rec>();
  // Entries sort by type first, so the dates form one run; entries are per array element, so
  // any element at or before the cutoff means the earliest one is.
  const scan = ix.entries.range(
    (e) => typeRank(e.k[0]) < DATE_RANK,
    (e) => !(e.k[0] instanceof Date) || e.k[0].getTime() > cutoff,
  );
  for (const e of scan) {
    if (seen.has(e.r)) continue;
    seen.add(e.r);
    out.push(e.r);
  }
  return out;
}
