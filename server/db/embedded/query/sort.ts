/**
 * mongod's sort: values order by bson-order.ts (cross-type order, numbers across types), a
 * missing field sorts as null, an array field sorts by its smallest element ascending and its
 * largest descending (an empty array below null). Keys are computed once per document.
 */
import { MinKey } from 'bson';
import { compareWithCollation, type Collation } from '../bson-order.js';
import { MongoCommandError } from '../errors.js';
import { leafValues } from './paths.js';
import { toNumber, type Doc } from './values.js';

interface SortKey {
  parts: string[];
  dir: 1 | -1;
}

/** Parses a sort spec ({a: 1, b: -1}); `$meta` keys are ignored (no text search). */
function parseSort(spec: Doc): SortKey[] {
  const keys: SortKey[] = [];
  for (const [path, v] of Object.entries(spec)) {
    if (v && typeof v === 'object' && '$meta' in (v as Doc)) continue;
    const n = toNumber(v);
    if (n !== 1 && n !== -1) {
      throw new MongoCommandError(
        'BadValue',
        `$sort key ordering must be 1 (for ascending) or -1 (for descending)`,
      );
    }
    // $natural is insertion order, which is the order documents arrive in already.
    if (path === '$natural') keys.push({ parts: [], dir: n as 1 | -1 });
    else keys.push({ parts: path.split('.'), dir: n as 1 | -1 });
  }
  return keys;
}

const EMPTY_ARRAY_KEY = new MinKey();

/** The value a document sorts by for one key (see the file comment). */
function sortValue(doc: Doc, key: SortKey, coll: Collation | null | undefined): unknown {
  const leaves = leafValues(doc, key.parts);
  let best: unknown = undefined;
  let found = false;
  let sawEmptyArray = false;
  const consider = (v: unknown) => {
    if (!found) {
      best = v;
      found = true;
      return;
    }
    const c = compareWithCollation(v, best, coll);
    if ((key.dir === 1 && c < 0) || (key.dir === -1 && c > 0)) best = v;
  };
  for (const v of leaves) {
    if (Array.isArray(v)) {
      if (v.length === 0) sawEmptyArray = true;
      for (const el of v) consider(el);
    } else consider(v === undefined ? null : v);
  }
  if (!found) return sawEmptyArray ? EMPTY_ARRAY_KEY : null;
  return best;
}

/** Sorts documents, computing each document's keys once (stable, like mongod's blocking sort). */
export function sortDocs(
  docs: Doc[],
  spec: Doc | null | undefined,
  coll?: Collation | null,
): Doc[] {
  if (!spec) return docs;
  const keys = parseSort(spec);
  if (keys.length === 0 || docs.length < 2) return docs;
  if (keys[0].parts.length === 0) return keys[0].dir === 1 ? docs : docs.slice().reverse();
  const decorated = docs.map((d) => ({ d, k: keys.map((key) => sortValue(d, key, coll)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareWithCollation(x.k[i], y.k[i], coll);
      if (c !== 0) return c * keys[i].dir;
    }
    return 0;
  });
  return decorated.map((e) => e.d);
}
