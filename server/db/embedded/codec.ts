/**
 * BSON <-> in-memory values. The representation (see README "Values"):
 * - int32 and non-whole doubles become plain JS numbers (the serializer writes a JS number as int32
 *   when it is a whole number in int32 range, as a double otherwise, so they round-trip);
 * - a whole-valued double in int32 range (5.0) stays a `Double` wrapper, because as a JS number it
 *   would come back as an int32; whole doubles outside int32 range are plain numbers (written back
 *   as doubles anyway);
 * - int64 stays `Long`, decimal stays `Decimal128`; everything else is what `bson` gives.
 * The query layer compares these across types through bson-order.ts and numeric.ts.
 */
import { BSON, Double, Int32 } from 'bson';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const DESERIALIZE_OPTS = {
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: false,
} as const;

/** Turns the wrappers `promoteValues:false` produces into the engine's representation, in place. */
function normalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) {
    const n = value.value;
    if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0)) return value;
    return n;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalize(value[i]);
    return value;
  }
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType !== undefined || value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof Uint8Array) return value;
  const obj = value as Record<string, unknown>;
  for (const k in obj) obj[k] = normalize(obj[k]);
  return obj;
}

/** Decodes one BSON document from `buf` (the whole buffer must be exactly that document). */
export function decodeDocument(buf: Uint8Array): Record<string, unknown> {
  const doc = BSON.deserialize(buf, DESERIALIZE_OPTS) as Record<string, unknown>;
  return normalize(doc) as Record<string, unknown>;
}

/** Encodes a document; `undefined` fields are dropped as mongod never stores them. */
export function encodeDocument(doc: Record<string, unknown>): Uint8Array {
  return BSON.serialize(doc, { ignoreUndefined: true });
}

/** Size in bytes a document would take as BSON (for the 16 MB limit and stats). */
export function bsonSize(doc: Record<string, unknown>): number {
  return BSON.calculateObjectSize(doc, { ignoreUndefined: true });
}

/** Wraps a JS number so it is written as a BSON double even when whole (5 -> 5.0). */
export function asDouble(n: number): unknown {
  if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0)) {
    return new Double(n);
  }
  return n;
}

export const MAX_BSON_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;
