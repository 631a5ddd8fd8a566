/** Sort order (mongod's cross-type and array rules), skip/limit, batches, getMore, killCursors. */
import {
  Binary,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  type CommandStartedEvent,
  type Document,
} from 'mongodb';
import { openTestDb, serverErrorOf, type TestDb, type AnyDoc } from './helpers/db.js';

let t: TestDb;
const started: CommandStartedEvent[] = [];

beforeAll(async () => {
  t = await openTestDb('cursors', { monitorCommands: true });
  t.client.on('commandStarted', (event) => started.push(event));
});
afterAll(async () => t.close());
beforeEach(() => {
  started.length = 0;
});

const commandsNamed = (name: string): CommandStartedEvent[] =>
  started.filter((e) => e.commandName === name);

describe('sort', () => {
  it('orders mixed types as mongod does', async () => {
    const coll = t.db.collection<AnyDoc>('mixed');
    const oid = new ObjectId('0123456789abcdef01234567');
    await coll.insertMany([
      { _id: 'date', v: new Date('2024-01-01T00:00:00Z') },
      { _id: 'bool', v: true },
      { _id: 'oid', v: oid },
      { _id: 'str', v: 'abc' },
      { _id: 'obj', v: { a: 1 } },
      { _id: 'num', v: 5 },
      { _id: 'long', v: Long.fromNumber(3) },
      { _id: 'dbl', v: 4.5 },
      { _id: 'null', v: null },
      { _id: 'bin', v: new Binary(Buffer.from([1, 2])) },
      { _id: 'max', v: new MaxKey() },
      { _id: 'min', v: new MinKey() },
      { _id: 'regex', v: /x/ },
    ]);
    const asc = await coll.find().sort({ v: 1 }).toArray();
    const expected = [
      'min',
      'null',
      'long',
      'dbl',
      'num',
      'str',
      'obj',
      'bin',
      'oid',
      'bool',
      'date',
      'regex',
      'max',
    ];
    expect(asc.map((d) => d._id)).toEqual(expected);
    const desc = await coll.find().sort({ v: -1 }).toArray();
    expect(desc.map((d) => d._id)).toEqual([...expected].reverse());
  });

  it('sorts missing fields together with null, before numbers', async () => {
    const coll = t.db.collection<AnyDoc>('missing');
    await coll.insertMany([{ _id: 1, v: 2 }, { _id: 2 }, { _id: 3, v: null }, { _id: 4, v: -1 }]);
    const asc = await coll.find().sort({ v: 1, _id: 1 }).toArray();
    expect(asc.map((d) => d._id)).toEqual([2, 3, 4, 1]);
  });

  it('uses the smallest array element ascending and the largest descending', async () => {
    const coll = t.db.collection<AnyDoc>('arrays');
    await coll.insertMany([
      { _id: 1, v: [1, 5] },
      { _id: 2, v: [3] },
      { _id: 3, v: [0, 4] },
      { _id: 4, v: 2 },
    ]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([3, 1, 4, 2]);
    expect((await coll.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([1, 3, 2, 4]);
  });

  it('sorts on several keys and on nested paths', async () => {
    const coll = t.db.collection<AnyDoc>('multi');
    await coll.insertMany([
      { _id: 1, a: 1, b: { c: 'z' } },
      { _id: 2, a: 2, b: { c: 'a' } },
      { _id: 3, a: 1, b: { c: 'b' } },
      { _id: 4, a: 2, b: { c: 'y' } },
    ]);
    const docs = await coll.find().sort({ a: -1, 'b.c': 1 }).toArray();
    expect(docs.map((d) => d._id)).toEqual([2, 4, 3, 1]);
  });

  it('compares numbers across int, long and double', async () => {
    const coll = t.db.collection<AnyDoc>('numbers');
    await coll.insertMany([
      { _id: 1, v: 10 },
      { _id: 2, v: Long.fromNumber(2) },
      { _id: 3, v: 7.5 },
      { _id: 4, v: -3 },
    ]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([4, 2, 3, 1]);
  });
});

describe('skip, limit and cursors', () => {
  let docs: Document[];
  beforeAll(async () => {
    docs = Array.from({ length: 250 }, (_, i) => ({
      _id: i,
      n: i % 7,
      s: `item-${String(i).padStart(3, '0')}`,
    }));
    await t.db.collection<AnyDoc>('many').insertMany(docs);
  });

  it('applies sort, then skip, then limit', async () => {
    const page = await t.db
      .collection<AnyDoc>('many')
      .find()
      .sort({ _id: -1 })
      .skip(10)
      .limit(5)
      .toArray();
    expect(page.map((d) => d._id)).toEqual([239, 238, 237, 236, 235]);
  });

  it('returns everything through several getMore batches with batchSize', async () => {
    const all = await t.db
      .collection<AnyDoc>('many')
      .find({}, { batchSize: 40 })
      .sort({ _id: 1 })
      .toArray();
    expect(all).toHaveLength(250);
    expect(all.map((d) => d._id)).toEqual(docs.map((d) => d._id));
    // 40 in the first batch, then getMore until 250: 6 more round trips (the last one may be empty)
    expect(commandsNamed('getMore').length).toBeGreaterThanOrEqual(6);
    for (const e of commandsNamed('getMore')) expect(e.command.getMore).toBeInstanceOf(Long);
  });

  it('honours limit across batches', async () => {
    const some = await t.db
      .collection<AnyDoc>('many')
      .find({}, { batchSize: 30, limit: 75 })
      .toArray();
    expect(some).toHaveLength(75);
  });

  it('returns the default first batch of 101 and continues with getMore', async () => {
    const cursor = t.db.collection<AnyDoc>('many').find().sort({ _id: 1 });
    let count = 0;
    for await (const doc of cursor) {
      expect(doc._id).toBe(count);
      count += 1;
    }
    expect(count).toBe(250);
  });

  it('closes an open cursor with killCursors; its id is then unknown', async () => {
    const cursor = t.db.collection<AnyDoc>('many').find({}, { batchSize: 10 });
    await cursor.next();
    const cursorId = cursor.id;
    expect(cursorId).toBeInstanceOf(Long);
    expect(cursorId!.isZero()).toBe(false);
    await cursor.close();
    const kill = commandsNamed('killCursors');
    expect(kill).toHaveLength(1);
    const err = await serverErrorOf(t.db.command({ getMore: cursorId!, collection: 'many' }));
    expect(err.code).toBe(43);
    expect(err.codeName).toBe('CursorNotFound');
  });

  it('answers killCursors with cursorsKilled / cursorsNotFound', async () => {
    const cursor = t.db.collection<AnyDoc>('many').find({}, { batchSize: 5 });
    await cursor.next();
    const id = cursor.id!;
    const reply = await t.db.command({
      killCursors: 'many',
      cursors: [id, Long.fromNumber(987654321)],
    });
    expect(reply.ok).toBe(1);
    expect(reply.cursorsKilled.map(String)).toEqual([id.toString()]);
    expect(reply.cursorsNotFound.map(String)).toEqual(['987654321']);
    await cursor.close().catch(() => undefined);
  });

  it('returns a cursor id of 0 when the first batch holds everything', async () => {
    const reply = await t.db.command({ find: 'many', filter: { n: 3 }, batchSize: 1000 });
    expect(Number(reply.cursor.id)).toBe(0);
    expect(reply.cursor.ns).toBe(`${t.db.databaseName}.many`);
    expect(reply.cursor.firstBatch).toHaveLength(36);
  });

  it('singleBatch closes the cursor after the first batch', async () => {
    const reply = await t.db.command({
      find: 'many',
      filter: {},
      batchSize: 10,
      singleBatch: true,
    });
    expect(reply.cursor.firstBatch).toHaveLength(10);
    expect(Number(reply.cursor.id)).toBe(0);
  });
});
