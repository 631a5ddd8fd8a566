/**
 * Operators the engine gives mingo's Aggregator in place of (or in addition to) mingo's own:
 * `$match` and `$sort` with the engine's semantics (so a pipeline filters and orders exactly like
 * find), and conversions mingo does not know for BSON values (ObjectId <-> string, `$type`).
 */
import { ObjectId } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import * as mingoExpression from 'mingo/operators/expression';
import * as mingoPipeline from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import type { Collation } from '../bson-order.js';
import { compileFilter } from './match.js';
import { MINGO, type InitOps } from './mingo-base.js';
import { $count, $unwind } from './pipeline-stages.js';
import { compileProjection, usesExpressions } from './project.js';
import { sortDocs } from './sort.js';
import { mingoView } from './mingo-view.js';
import { idFirstIfPresent as idFirst } from './project.js';
import { bsonTypeOf, cloneValue, isDocument, TYPE_ALIASES, type Doc } from './values.js';

const TYPE_NAMES = Object.fromEntries(Object.entries(TYPE_ALIASES).map(([k, v]) => [v, k]));

const expression = {
  $toString: (obj: unknown, expr: unknown, options: Options) => {
    const v = evalExpr(obj, expr, options);
    if (v instanceof ObjectId) return v.toHexString();
    return mingoExpression.$toString(obj as Doc, expr as never, options);
  },
  $toObjectId: (obj: unknown, expr: unknown, options: Options) => {
    const v = evalExpr(obj, expr, options);
    if (v === null || v === undefined) return null;
    return v instanceof ObjectId ? v : new ObjectId(String(v));
  },
  $type: (obj: unknown, expr: unknown, options: Options) => {
    const v = evalExpr(obj, expr, options);
    return v === undefined ? 'missing' : (TYPE_NAMES[bsonTypeOf(v)] ?? 'object');
  },
};

/** The operator context for one aggregation (the collation is fixed per command). */
function engineContext(collation: Collation | null): Context {
  // mingo types each operator table as an intersection of every operator's signature; ours take
  // the common (input, expression[, options]) shape, so the tables are cast here.
  const pipeline = {
    $match: (coll: Iterator, expr: unknown, options: Options) => {
      // `options` carries $lookup's `let` variables for $expr.
      const p = compileFilter(expr as Doc, { collation, exprOptions: options });
      return coll.filter((d) => p(d as Doc));
    },
    // Inclusion keeps document order with _id first, as mongod (mingo uses projection order).
    $project: (coll: Iterator, expr: unknown, options: Options) => {
      // Computed fields (which may read `let` variables) are mingo's to evaluate.
      if (isDocument(expr) && usesExpressions(expr)) {
        return mingoPipeline.$project(coll, expr, options).map((d) => idFirst(d as Doc));
      }
      const p = compileProjection(expr as Doc);
      return p ? coll.map((d) => p(d as Doc)) : coll;
    },
    $count,
    $unwind,
    $sort: (coll: Iterator, expr: unknown) =>
      coll.transform((docs) => Lazy(sortDocs(docs as Doc[], expr as Doc, collation))),
  };
  const ours = Context.init({
    pipeline: pipeline as unknown as InitOps['pipeline'],
    expression: expression as unknown as InitOps['expression'],
  });
  return Context.from(ours, MINGO);
}

/** A mingo Aggregator running with the engine's operators. */
function engineAggregator(
  pipeline: Doc[],
  collation: Collation | null,
  variables: Doc | undefined,
  collectionResolver?: (name: string) => Doc[],
): Aggregator {
  return new Aggregator(pipeline, {
    // No server-side JavaScript ($function, $accumulator, $where): clients must not run code here.
    scriptEnabled: false,
    variables,
    context: engineContext(collation),
    collation: collation ? { ...collation, strength: collation.strength as 1 | 2 | 3 } : undefined,
    collectionResolver,
  });
}

/**
 * Stages that never write into the documents they receive. mingo's other stages ($addFields,
 * $set, $unset, $replaceRoot ...) assign into nested input objects, which are the stored (frozen,
 * shared) documents, so a pipeline using any of them runs on copies.
 */
const READ_ONLY_STAGES = new Set([
  '$match',
  '$sort',
  '$limit',
  '$skip',
  '$count',
  '$group',
  '$sortByCount',
  '$unwind',
  '$lookup',
  '$facet',
  '$documents',
  '$sample',
]);

function needsCopies(pipeline: Doc[]): boolean {
  return pipeline.some((stage) => {
    const name = Object.keys(stage)[0];
    if (name === '$project') return usesExpressions(stage.$project as Doc);
    if (name === '$facet')
      return Object.values(stage.$facet as Doc).some((p) => needsCopies(p as Doc[]));
    return !READ_ONLY_STAGES.has(name);
  });
}

export interface PipelineOptions {
  collation?: Collation | null;
  variables?: Doc;
  /** Documents of another collection of the same database (for `$lookup`). */
  resolve?: (name: string) => Doc[];
}

/** Runs a pipeline over stored documents (mingo views, copied when a stage would write into them). */
export function runPipeline(pipeline: Doc[], docs: Iterable<Doc>, o: PipelineOptions = {}): Doc[] {
  const copy = needsCopies(pipeline);
  const prepare = copy ? (d: Doc) => cloneValue(mingoView(d)) : mingoView;
  const resolve = o.resolve;
  const resolver = resolve ? (name: string) => resolve(name).map(prepare) : undefined;
  const input = Array.from(docs, prepare);
  return engineAggregator(pipeline, o.collation ?? null, o.variables, resolver).run<Doc>(input);
}
