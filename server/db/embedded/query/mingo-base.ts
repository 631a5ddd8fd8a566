/**
 * mingo's own operators in one context. The engine builds mingo objects from the base classes
 * (not mingo's index, which always puts its defaults first) so that the engine's operators can
 * take precedence: mingo's Context keeps the first definition of a name when merging.
 */
import { Context, evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';

export type InitOps = NonNullable<Parameters<typeof Context.init>[0]>;

/** Every mingo operator (the tables are cast: mingo types them as intersections of signatures). */
export const MINGO = Context.init({
  accumulator: accumulator as unknown as InitOps['accumulator'],
  expression: expression as unknown as InitOps['expression'],
  pipeline: pipeline as unknown as InitOps['pipeline'],
  projection: projection as unknown as InitOps['projection'],
  query: query as unknown as InitOps['query'],
  window: window as unknown as InitOps['window'],
});

/** A command's `let` document with its expressions evaluated (`{$literal: '$x'}`, `{$rand: {}}`). */
export function evaluateLet(
  letDoc: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!letDoc) return undefined;
  const options = { context: MINGO } as Options;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(letDoc)) out[k] = evalExpr({}, v, options);
  return out;
}
