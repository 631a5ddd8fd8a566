/**
 * The query matcher. Written here rather than taken from mingo because mongod's semantics the
 * drivers rely on differ from mingo's: numbers compare across int32/int64/double/decimal, range
 * operators are type-bracketed, `$type` knows every BSON type, and string comparisons honour a
 * collation. `$expr` is delegated to mingo's expression evaluator.
 */
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import type { Collation } from '../bson-order.js';
import { MongoCommandError, NO_SCRIPTS } from '../errors.js';
import { MINGO } from './mingo-base.js';
import { leafValues } from './paths.js';
import {
  anyValue,
  arrayOperand,
  badValue,
  equalsTest,
  literalTest,
  rangeTest,
  regexOf,
  regexTest,
  typeTest,
  type ValueTest,
} from './match-values.js';
import { isDocument, numKind, toNumber, type Doc } from './values.js';

export type Predicate = (doc: Doc) => boolean;
/** A compiled field condition: receives the leaf values found at the path. */
type LeafTest = (leaves: unknown[]) => boolean;

export interface MatchOptions {
  collation?: Collation | null;
  /** The command's `let` variables, visible to `$expr` as `$$name`. */
  variables?: Doc;
  /** mingo options for `$expr` inside a pipeline (they carry `$lookup`'s `let` variables). */
  exprOptions?: Options;
}

const ALWAYS: Predicate = () => true;

/** Compiles `{$op: operand, ...}` for one field into a test over its leaf values. */
function compileOperators(ops: Doc, opts: MatchOptions): LeafTest {
  const coll = opts.collation;
  const tests: LeafTest[] = [];
  for (const op of Object.keys(ops)) {
    const x = ops[op];
    switch (op) {
      case '$eq': {
        const t = equalsTest(x, coll);
        tests.push((l) => anyValue(l, t));
        break;
      }
      case '$ne': {
        const t = equalsTest(x, coll);
        tests.push((l) => !anyValue(l, t));
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const ok = {
          $gt: (c: number) => c > 0,
          $gte: (c: number) => c >= 0,
          $lt: (c: number) => c < 0,
          $lte: (c: number) => c <= 0,
        }[op];
        const t = rangeTest(x, coll, ok);
        tests.push((l) => anyValue(l, t));
        break;
      }
      case '$in':
      case '$nin': {
        const ts = arrayOperand(op, x).map((y) => literalTest(y, coll));
        const t: ValueTest = (v) => ts.some((f) => f(v));
        tests.push(op === '$in' ? (l) => anyValue(l, t) : (l) => !anyValue(l, t));
        break;
      }
      case '$exists': {
        const want = !!x && !(typeof x === 'number' && x === 0);
        tests.push((l) => l.some((v) => v !== undefined) === want);
        break;
      }
      case '$type': {
        const t = typeTest(x);
        tests.push((l) => anyValue(l, t));
        break;
      }
      case '$regex': {
        const t = regexTest(regexOf(x, ops.$options));
        tests.push((l) => anyValue(l, t));
        break;
      }
      case '$options':
        if (!('$regex' in ops)) badValue('$options needs a $regex');
        break;
      case '$size': {
        const n = toNumber(x);
        tests.push((l) => l.some((v) => Array.isArray(v) && v.length === n));
        break;
      }
      case '$all': {
        const parts = arrayOperand(op, x).map((y) =>
          isDocument(y) && '$elemMatch' in y
            ? compileOperators(y, opts)
            : (l: unknown[]) => anyValue(l, literalTest(y, coll)),
        );
        tests.push((l) => parts.length > 0 && parts.every((p) => p(l)));
        break;
      }
      case '$elemMatch': {
        if (!isDocument(x)) badValue('$elemMatch needs an Object');
        const valueLevel = Object.keys(x).every(
          (k) => k.startsWith('$') && !['$and', '$or', '$nor'].includes(k),
        );
        const inner = valueLevel ? compileOperators(x, opts) : null;
        const docPred = valueLevel ? null : compileFilter(x, opts);
        const t: ValueTest = (el) =>
          inner ? inner([el]) : isDocument(el) && (docPred as Predicate)(el);
        tests.push((l) => l.some((v) => Array.isArray(v) && v.some(t)));
        break;
      }
      case '$not': {
        const inner =
          x instanceof RegExp
            ? (l: unknown[]) => anyValue(l, regexTest(regexOf(x)))
            : isDocument(x)
              ? compileOperators(x, opts)
              : badValue('$not needs a regex or a document');
        tests.push((l) => !inner(l));
        break;
      }
      case '$mod': {
        const [d, r] = arrayOperand(op, x).map(toNumber);
        if (!d) badValue('divisor cannot be 0');
        tests.push((l) =>
          anyValue(l, (v) => numKind(v) !== null && Math.trunc(toNumber(v)) % d === r),
        );
        break;
      }
      case '$comment':
        break;
      default:
        badValue(`unknown operator: ${op}`);
    }
  }
  if (tests.length === 1) return tests[0];
  return (l) => tests.every((t) => t(l));
}

function isOperatorObject(x: unknown): x is Doc {
  if (!isDocument(x)) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys[0].startsWith('$');
}

function compileField(path: string, cond: unknown, opts: MatchOptions): Predicate {
  const parts = path.split('.');
  const test: LeafTest = isOperatorObject(cond)
    ? compileOperators(cond, opts)
    : (l) => anyValue(l, literalTest(cond, opts.collation));
  if (parts.length === 1) {
    const key = path;
    // Fast path for top-level fields: no path traversal allocation beyond one small array.
    return (doc) => test([Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined]);
  }
  return (doc) => test(leafValues(doc, parts));
}

function compileList(op: string, x: unknown, opts: MatchOptions): Predicate[] {
  if (!Array.isArray(x) || x.length === 0) badValue(`${op} argument must be a non-empty array`);
  return x.map((f) => {
    if (!isDocument(f)) badValue(`${op} argument's entries must be objects`);
    return compileFilter(f, opts);
  });
}

/** Compiles a query filter into a predicate over documents. */
export function compileFilter(filter: Doc | null | undefined, opts: MatchOptions = {}): Predicate {
  if (!filter) return ALWAYS;
  const preds: Predicate[] = [];
  for (const key of Object.keys(filter)) {
    const x = filter[key];
    if (!key.startsWith('$')) {
      preds.push(compileField(key, x, opts));
      continue;
    }
    switch (key) {
      case '$and': {
        const ps = compileList(key, x, opts);
        preds.push((d) => ps.every((p) => p(d)));
        break;
      }
      case '$or': {
        const ps = compileList(key, x, opts);
        preds.push((d) => ps.some((p) => p(d)));
        break;
      }
      case '$nor': {
        const ps = compileList(key, x, opts);
        preds.push((d) => !ps.some((p) => p(d)));
        break;
      }
      case '$expr': {
        const q = new Query(
          { $expr: x },
          opts.exprOptions ?? { context: MINGO, variables: opts.variables, scriptEnabled: false },
        );
        preds.push((d) => q.test(d));
        break;
      }
      case '$comment':
        break;
      case '$alwaysTrue':
        break;
      case '$alwaysFalse':
        preds.push(() => false);
        break;
      case '$where':
        badValue(NO_SCRIPTS);
        break;
      case '$text':
        throw new MongoCommandError(
          'IndexNotFound',
          'text index required for $text query (not supported by the embedded engine)',
        );
      default:
        badValue(`unknown top level operator: ${key}`);
    }
  }
  if (preds.length === 0) return ALWAYS;
  if (preds.length === 1) return preds[0];
  return (d) => {
    for (const p of preds) if (!p(d)) return false;
    return true;
  };
}
