/** The engine's pipeline runner: mongod's shapes for $count/$unwind/$project, stored documents untouched. */
import { ObjectId } from 'bson';
import { runPipeline } from '../../../server/db/embedded/query/aggregate-context.js';
import type { Doc } from '../../../server/db/embedded/query/values.js';

function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.values(v).forEach(frozen);
    Object.freeze(v);
  }
  return v;
}

const stored = (): Doc[] =>
  frozen([
    { _id: 1, a: { b: 1 }, items: ['x', 'y'], n: 2 },
    { _id: 2, a: { b: 2 }, items: [], n: 3 },
  ]);

describe('runPipeline', () => {
  it('applies nested $set/$unset on copies, leaving the stored documents as they were', () => {
    const docs = stored();
    const out = runPipeline([{ $set: { 'a.c': '$n' } }, { $unset: 'a.b' }], docs);
    expect(out).toEqual([
      { _id: 1, a: { c: 2 }, items: ['x', 'y'], n: 2 },
      { _id: 2, a: { c: 3 }, items: [], n: 3 },
    ]);
    expect(docs[0]).toEqual({ _id: 1, a: { b: 1 }, items: ['x', 'y'], n: 2 });
  });

  it('$count emits nothing for empty input', () => {
    expect(runPipeline([{ $match: { n: 99 } }, { $count: 'c' }], stored())).toEqual([]);
    expect(runPipeline([{ $count: 'c' }], stored())).toEqual([{ c: 2 }]);
  });

  it('$unwind drops an empty array field when preserving, with a null index', () => {
    const out = runPipeline(
      [{ $unwind: { path: '$items', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } }],
      stored(),
    );
    expect(out.map((d) => [d._id, d.items, d.i])).toEqual([
      [1, 'x', 0],
      [1, 'y', 1],
      [2, undefined, null],
    ]);
  });

  it('$project keeps _id first, also with computed fields, and converts ObjectIds to strings', () => {
    const id = new ObjectId();
    const out = runPipeline(
      [{ $project: { s: { $toString: '$_id' }, n: 1 } }],
      [{ n: 1, _id: id }],
    );
    expect(Object.keys(out[0])).toEqual(['_id', 'n', 's']);
    expect(out[0].s).toBe(id.toHexString());
  });

  it('$lookup reads the other collection through the resolver', () => {
    const out = runPipeline(
      [
        { $lookup: { from: 'o', localField: '_id', foreignField: 'k', as: 'j' } },
        { $project: { j: 1 } },
      ],
      stored(),
      { resolve: () => [{ _id: 9, k: 2 }] },
    );
    expect(out).toEqual([
      { _id: 1, j: [] },
      { _id: 2, j: [{ _id: 9, k: 2 }] },
    ]);
  });
});
