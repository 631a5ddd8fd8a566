/**
 * Index specifications as mongod stores, compares and prints them: `{ v: 2, key, name, ...options }`
 * echoed back by listIndexes exactly as created (so mongoose's syncIndexes finds nothing to do on
 * a second run), the conflict rules of createIndexes, and the shape of E11000 messages.
 */
import { valuesEqual } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import type { Doc, IndexSpec } from './api.js';

/** Options that never make two specs different (mongod ignores them since 4.2). */
const IGNORED = new Set(['v', 'key', 'name', 'ns', 'background']);
/** Options that make an index distinct from another on the same key (mongod allows both). */
const IDENTITY = ['partialFilterExpression', 'collation'];

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** mongod's default index name: `a_1_b_-1`. */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}

/** Validates a requested spec and returns it in stored form (`v`, `key`, `name` first). */
export function normalizeSpec(spec: IndexSpec): IndexSpec {
  const key = spec.key as unknown;
  if (key === null || typeof key !== 'object' || Array.isArray(key) || Object.keys(key as object).length === 0) {
    throw new MongoCommandError('CannotCreateIndex', 'Index keys cannot be empty.');
  }
  for (const [field, dir] of Object.entries(key as Record<string, unknown>)) {
    if (field.endsWith('$**')) {
      throw new MongoCommandError('CannotCreateIndex', 'Wildcard indexes are not supported by the embedded engine');
    }
    if (field === '' || field.startsWith('$')) {
      throw new MongoCommandError('CannotCreateIndex', `Index key contains an illegal field name: ${field}`);
    }
    const n = typeof dir === 'number' ? dir : Number((dir as { valueOf(): unknown })?.valueOf?.());
    if (typeof dir === 'string') {
      if (dir !== 'hashed') {
        throw new MongoCommandError('CannotCreateIndex', `Index type '${dir}' is not supported by the embedded engine`);
      }
    } else if (!Number.isFinite(n) || n === 0) {
      throw new MongoCommandError('CannotCreateIndex', `Values in the index key pattern can't be 0 or NaN: ${field}`);
    }
  }
  const name = typeof spec.name === 'string' && spec.name !== '' ? spec.name : defaultIndexName(spec.key);
  const out: IndexSpec = { v: 2, key: spec.key, name };
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'v' || k === 'key' || k === 'name' || k === 'ns' || v === undefined) continue;
    out[k] = v;
  }
  if (out.expireAfterSeconds !== undefined) {
    const eas = Number(out.expireAfterSeconds);
    if (!Number.isFinite(eas) || eas < 0) {
      throw new MongoCommandError('CannotCreateIndex', 'TTL index \'expireAfterSeconds\' option must be a non-negative number');
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return valuesEqual(a, b);
}

function sameKey(a: IndexSpec, b: IndexSpec): boolean {
  const ka = Object.entries(a.key);
  const kb = Object.entries(b.key);
  return ka.length === kb.length && ka.every(([f, d], i) => f === kb[i][0] && sameValue(d, kb[i][1]));
}

/** Option bag of a spec without the fields that never matter; falsy unique/sparse dropped. */
function options(s: IndexSpec): Doc {
  const o: Doc = {};
  for (const [k, v] of Object.entries(s)) {
    if (IGNORED.has(k) || v === undefined) continue;
    if ((k === 'unique' || k === 'sparse') && !v) continue;
    o[k] = v;
  }
  return o;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const oa = options(a);
  const ob = options(b);
  const keys = new Set([...Object.keys(oa), ...Object.keys(ob)]);
  for (const k of keys) if (!sameValue(oa[k], ob[k])) return false;
  return true;
}

/** Prints a spec roughly as mongod does in conflict messages. */
function show(s: IndexSpec): string {
  return formatValue(s);
}

/**
 * Decides what to do with a requested spec given the existing ones: 'exists' when an identical
 * index is there; throws IndexKeySpecsConflict / IndexOptionsConflict as mongod does; 'create'.
 */
export function checkNewSpec(requested: IndexSpec, existing: IndexSpec[]): 'exists' | 'create' {
  for (const e of existing) {
    if (e.name === requested.name) {
      if (!sameKey(e, requested)) {
        throw new MongoCommandError(
          'IndexKeySpecsConflict',
          'An existing index has the same name as the requested index. When index names are not specified, ' +
            'they are auto generated and can cause conflicts. Please refer to our documentation. ' +
            `Requested index: ${show(requested)}, existing index: ${show(e)}`,
        );
      }
      if (sameOptions(e, requested)) return 'exists';
      throw new MongoCommandError(
        'IndexOptionsConflict',
        `An equivalent index already exists with the same name but different options. Requested index: ${show(requested)}, existing index: ${show(e)}`,
      );
    }
  }
  for (const e of existing) {
    if (!sameKey(e, requested)) continue;
    if (!IDENTITY.every((k) => sameValue(e[k], requested[k]))) continue; // a distinct index
    if (sameOptions(e, requested)) {
      throw new MongoCommandError('IndexOptionsConflict', `Index already exists with a different name: ${e.name}`);
    }
    throw new MongoCommandError(
      'IndexOptionsConflict',
      `An equivalent index already exists with a different name and options. Requested index: ${show(requested)}, existing index: ${show(e)}`,
    );
  }
  return 'create';
}

/** A value printed the way mongod prints it in messages (strings quoted, ObjectId('...') ...). */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map(formatValue).join(', ')} ]`;
  const tag = (v as { _bsontype?: string })._bsontype;
  switch (tag) {
    case 'ObjectId':
      return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
    case 'Int32':
    case 'Double':
      return String((v as { value: number }).value);
    case 'Long':
    case 'Decimal128':
      return String(v);
    case 'Binary': {
      const b = v as { sub_type: number; buffer: Uint8Array; position: number };
      return `BinData(${b.sub_type}, ${Buffer.from(b.buffer.subarray(0, b.position)).toString('hex').toUpperCase()})`;
    }
    case 'Timestamp': {
      const t = v as { high: number; low: number };
      return `Timestamp(${t.high >>> 0}, ${t.low >>> 0})`;
    }
    case 'MinKey':
      return 'MinKey';
    case 'MaxKey':
      return 'MaxKey';
    case undefined:
      break;
    default:
      return String(v);
  }
  const entries = Object.entries(v as Doc).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')} }`;
}

/** mongod's DuplicateKey error for index `spec` of `ns` clashing on `tuple`. */
export function duplicateKeyError(ns: string, spec: IndexSpec, tuple: unknown[]): MongoCommandError {
  const fields = Object.keys(spec.key);
  const keyValue: Doc = {};
  fields.forEach((f, i) => (keyValue[f] = tuple[i]));
  const shown = fields.map((f, i) => `${f}: ${formatValue(tuple[i])}`).join(', ');
  return new MongoCommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: { ${shown} }`,
    { keyPattern: { ...spec.key }, keyValue },
  );
}
