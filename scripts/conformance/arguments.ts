/**
 * Turning a unified-format operation's `arguments` into what the driver's methods accept:
 * canonical extended JSON numbers as JS numbers where the driver validates them, option names
 * as the Node.js driver spells them, and a skip for features the runner does not exercise.
 */
import type { Collection, Db, Document, MongoClient } from 'mongodb';

/** Thrown for something the runner does not implement: the test is skipped with this reason. */
export class Unsupported extends Error {}

export type Args = Record<string, unknown>;
export type Entity = MongoClient | Db | Collection<Document>;

const bsonType = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;

/** Int32/Double/Long wrappers (from canonical extended JSON) as plain numbers. */
export function num(v: unknown): unknown {
  const t = bsonType(v);
  if (t === 'Long') return (v as { toNumber(): number }).toNumber();
  if (t === 'Int32' || t === 'Double') return (v as { value: number }).value;
  return v;
}

/** The driver validates sort directions and index keys as JS numbers or strings. */
export function numericValues(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || bsonType(doc)) return doc;
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, num(v)]));
}

/** Everything but the positional arguments, normalised for the driver's option parsing. */
export function options(args: Args, ...positional: string[]): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (positional.includes(key)) continue;
    if (key === 'session') throw new Unsupported('sessions are not supported by this runner');
    if (key === 'timeoutMS')
      throw new Unsupported('client-side timeouts (timeoutMS) are not exercised');
    if (key === 'sort') out.sort = numericValues(value);
    else if (key === 'returnDocument') out.returnDocument = String(value).toLowerCase();
    else out[key] = num(value);
  }
  return out;
}
