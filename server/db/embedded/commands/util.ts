/**
 * Helpers shared by the command handlers: argument checks with mongod's error codes, collation,
 * and the one place that turns a filter into matching documents (through the storage layer's
 * `candidates`, so indexed predicates do not scan).
 */
import type { Collation } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { compileFilter } from '../query/match.js';
import { evaluateLet } from '../query/mingo-base.js';
import { sortDocs } from '../query/sort.js';
import { isDocument, numKind, toNumber } from '../query/values.js';
import type { CollectionStore, Doc } from '../storage/api.js';

/** The collection name a command targets (`{find: 'users'}` -> 'users'). */
export function collName(cmd: Doc, name: string): string {
  const v = cmd[name];
  if (typeof v !== 'string' || v === '') {
    throw new MongoCommandError(
      'InvalidNamespace',
      `collection name has invalid type ${v === undefined ? 'missing' : typeof v}`,
    );
  }
  if (v.includes('\0') || v.startsWith('.') || v.includes('$')) {
    throw new MongoCommandError('InvalidNamespace', `Invalid collection name: ${v}`);
  }
  return v;
}

export function dbName(cmd: Doc): string {
  const db = cmd.$db;
  if (typeof db !== 'string' || db === '' || /[/\\. "$\0]/.test(db)) {
    throw new MongoCommandError('InvalidNamespace', `Invalid database name: '${String(db)}'`);
  }
  return db;
}

/** An optional document argument. */
export function docArg(cmd: Doc, name: string): Doc | undefined {
  const v = cmd[name];
  if (v === undefined || v === null) return undefined;
  if (!isDocument(v))
    throw new MongoCommandError(
      'TypeMismatch',
      `BSON field '${name}' is the wrong type '${typeof v}', expected type 'object'`,
    );
  return v;
}

/** The command's `let` variables, evaluated. */
export function letArg(cmd: Doc): Doc | undefined {
  return evaluateLet(docArg(cmd, 'let'));
}

/** An optional numeric argument as a JS number. */
export function numArg(cmd: Doc, name: string): number | undefined {
  const v = cmd[name];
  if (v === undefined || v === null) return undefined;
  if (numKind(v) === null)
    throw new MongoCommandError(
      'TypeMismatch',
      `BSON field '${name}' is the wrong type, expected a number`,
    );
  return toNumber(v);
}

/**
 * The collation a command runs with: its own `collation`, else the collection's default (given at
 * create time); null when binary comparison applies ('simple' or none).
 */
export function collationArg(cmd: Doc, coll?: Pick<CollectionStore, 'info'>): Collation | null {
  const c = cmd.collation ?? coll?.info.options.collation;
  if (c === undefined || c === null) return null;
  if (!isDocument(c) || typeof c.locale !== 'string') {
    throw new MongoCommandError('BadValue', 'Missing expected field "locale"');
  }
  if (c.locale === 'simple') return null;
  return {
    ...c,
    locale: c.locale,
    strength: c.strength === undefined ? 3 : toNumber(c.strength),
  } as Collation;
}

export interface SelectOptions {
  collation?: Collation | null;
  variables?: Doc;
  sort?: Doc;
  skip?: number;
  limit?: number;
}

type Selectable = Pick<CollectionStore, 'candidates' | 'all' | 'sortedCandidates'>;

/** Documents of `coll` matching `filter`, sorted, skipped and limited. */
export function selectDocs(
  coll: Selectable | undefined,
  filter: Doc | undefined,
  o: SelectOptions = {},
): Doc[] {
  if (!coll) return [];
  const pred = compileFilter(filter, { collation: o.collation, variables: o.variables });
  const skip = o.skip && o.skip > 0 ? o.skip : 0;
  const limit = o.limit && o.limit > 0 ? o.limit : Infinity;
  const hasSort = !!o.sort && Object.keys(o.sort).length > 0;
  // An index that yields documents in sort order: no sort, and a limit stops the walk early.
  const ordered =
    hasSort && coll.sortedCandidates
      ? coll.sortedCandidates(filter ?? {}, o.sort!, { collation: o.collation ?? null })
      : null;
  if (ordered) {
    const out: Doc[] = [];
    for (const d of ordered) {
      if (!pred(d)) continue;
      out.push(d);
      if (out.length >= skip + limit) break;
    }
    return skip ? out.slice(skip) : out;
  }
  // The storage layer leaves string predicates to us under a non-simple collation.
  const source = coll.candidates(filter ?? {}, { collation: o.collation ?? null });
  const out: Doc[] = [];
  const stopAt = hasSort ? Infinity : skip + limit;
  for (const d of source) {
    if (pred(d)) {
      out.push(d);
      if (out.length >= stopAt) break;
    }
  }
  const sorted = hasSort ? sortDocs(out, o.sort, o.collation) : out;
  if (skip === 0 && limit === Infinity) return sorted;
  return sorted.slice(skip, skip + limit);
}

/** The first matching document in sort order (or natural order), or undefined. */
export function selectOne(
  coll: Selectable | undefined,
  filter: Doc | undefined,
  o: SelectOptions = {},
): Doc | undefined {
  return selectDocs(coll, filter, { ...o, limit: 1 })[0];
}
