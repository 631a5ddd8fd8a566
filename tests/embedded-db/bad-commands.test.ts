/**
 * Well-formed messages carrying malformed commands: each is refused with a server error (mongod's
 * code where the suite is sure of it) and the server keeps answering.
 */
import { MongoServerError, type Document } from 'mongodb';
import { openTestDb, rejectionOf, type AnyDoc, type TestDb } from './helpers/db.js';

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb('bad_commands');
  await t.db.collection<AnyDoc>('c').insertOne({ _id: 1, a: 1 });
});
afterAll(async () => t.close());

let deep: Document = { x: 1 };
for (let i = 0; i < 40; i += 1) deep = { d: deep };

const refused: [string, Document, number | undefined][] = [
  ['find on a non-string collection', { find: 123 }, 73],
  ['find with a string filter', { find: 'c', filter: 'str' }, 14],
  ['find with a negative batchSize', { find: 'c', batchSize: -5 }, undefined],
  ['find with an invalid sort direction', { find: 'c', sort: { a: 'x' } }, undefined],
  ['find mixing inclusion and exclusion', { find: 'c', projection: { a: 1, b: 0 } }, undefined],
  ['find with an invalid regex', { find: 'c', filter: { a: { $regex: '(' } } }, undefined],
  ['find with an unknown top-level operator', { find: 'c', filter: { $nosuch: 1 } }, 2],
  ['insert into an invalid collection name', { insert: 'bad$name', documents: [{}] }, 73],
  ['insert without documents', { insert: 'c' }, undefined],
  ['aggregate without cursor', { aggregate: 'c', pipeline: [{ $match: {} }] }, 9],
  ['aggregate with a non-array pipeline', { aggregate: 'c', pipeline: {}, cursor: {} }, undefined],
  [
    'aggregate with an unknown stage',
    { aggregate: 'c', pipeline: [{ $nosuch: 1 }], cursor: {} },
    undefined,
  ],
  ['getMore with a string cursor id', { getMore: 'x', collection: 'c' }, 14],
  [
    'findAndModify with both update and remove',
    { findAndModify: 'c', query: {}, update: { $set: { a: 2 } }, remove: true },
    9,
  ],
  ['findAndModify with neither update nor remove', { findAndModify: 'c' }, 9],
  [
    'createIndexes with an empty key',
    { createIndexes: 'c', indexes: [{ key: {}, name: 'e' }] },
    undefined,
  ],
  ['distinct with a non-string key', { distinct: 'c', key: 5 }, undefined],
  ['renameCollection outside admin', { renameCollection: 'nodots', to: 'x' }, undefined],
];

describe('malformed commands', () => {
  it.each(refused)('refuses %s', async (_label, command, code) => {
    const err = await rejectionOf(t.db.command(command));
    expect(err).toBeInstanceOf(MongoServerError);
    if (code !== undefined) expect((err as MongoServerError).code).toBe(code);
    expect((err as MongoServerError).code).not.toBe(1); // a real refusal, not an internal error
    expect((await t.db.command({ ping: 1 })).ok).toBe(1);
  });

  it('reports per-document write errors without failing the command', async () => {
    const reply = await t.db.command({
      insert: 'c',
      documents: [{ _id: 2 }, 5, { _id: 3 }],
      ordered: false,
    });
    expect(reply.ok).toBe(1);
    expect(reply.n).toBe(2);
    expect(reply.writeErrors).toHaveLength(1);
    expect(reply.writeErrors[0].index).toBe(1);
  });

  it('refuses a replacement that is not a document and a multi replacement', async () => {
    const bad = await t.db
      .command({ update: 'c', updates: [{ q: {}, u: 5 }] })
      .catch((e: unknown) => e);
    const multi = await t.db.command({
      update: 'c',
      updates: [{ q: {}, u: { b: 1 }, multi: true }],
    });
    expect(bad instanceof MongoServerError || (bad as Document).writeErrors?.length === 1).toBe(
      true,
    );
    expect(multi.writeErrors).toHaveLength(1);
    expect(multi.writeErrors[0].code).toBe(9);
    expect(await t.db.collection<AnyDoc>('c').findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
  });

  it('stores and returns deeply nested documents', async () => {
    await t.db.collection<AnyDoc>('c').insertOne({ _id: 'deep', deep });
    expect((await t.db.collection<AnyDoc>('c').findOne({ _id: 'deep' }))!.deep).toEqual(deep);
  });

  it('refuses server-side JavaScript with a message that says so', async () => {
    const c = t.db.collection<AnyDoc>('c');
    await c.insertOne({ _id: 'js', a: 1 });
    const fn = { $function: { body: 'function () { return true; }', args: [], lang: 'js' } };
    const attempts = [
      () => c.find({ $where: 'this.a === 1' }).toArray(),
      () => c.find({ $expr: fn }).toArray(),
      () => c.aggregate([{ $addFields: { b: fn } }]).toArray(),
    ];
    for (const attempt of attempts) {
      const err = (await rejectionOf(attempt())) as MongoServerError;
      expect(err.code).toBe(2);
      expect(err.message).toMatch(
        /^server-side JavaScript \(\$where, \$function, \$accumulator\) is not supported by the embedded engine/,
      );
    }
  });
});
