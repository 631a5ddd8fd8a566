/**
 * Hostile bytes on raw sockets: random data, truncated and resized messages, huge declared
 * lengths, bad BSON, unknown opcodes. After every message the server must still answer `ping` on
 * a fresh connection. Seeded, so a failure can be replayed (FUZZ_SEED, FUZZ_COUNT override).
 */
import net from 'node:net';
import { serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { testUri } from './helpers/db.js';
import {
  hostPort,
  opMsg,
  opQuery,
  rawPing,
  replyBody,
  roundTrip,
  sendHostile,
} from './helpers/wire.js';

const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2000);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const { host, port } = hostPort(testUri());
const FUZZ_DB = `engine_test_fuzz_${process.env.JEST_WORKER_ID ?? '0'}`;

afterAll(async () => {
  // mutated inserts that stayed valid may have created the fuzz database
  const client = new MongoClient(testUri());
  try {
    await client.db(FUZZ_DB).dropDatabase();
  } finally {
    await client.close();
  }
});

/** Valid messages the mutations start from. */
const seeds: Buffer[] = [
  opMsg({ ping: 1, $db: 'admin' }),
  opMsg({ find: 'fuzz', filter: { a: { $gt: 1 } }, $db: FUZZ_DB }),
  opMsg({ insert: 'fuzz', $db: FUZZ_DB }, 3, 0, [
    ['documents', [{ _id: 1, a: 'x' }, { b: [1, 2, { c: null }] }]],
  ]),
  opMsg({ update: 'fuzz', updates: [{ q: {}, u: { $set: { z: 1 } } }], $db: FUZZ_DB }),
  opMsg({
    aggregate: 'fuzz',
    pipeline: [{ $group: { _id: '$a' } }],
    cursor: {},
    $db: FUZZ_DB,
  }),
  opQuery('admin.$cmd', { ismaster: 1 }),
];

type Mutation = (rnd: () => number) => Buffer;
const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: () => number, list: T[]): T => list[int(rnd, list.length)];
const randomBytes = (rnd: () => number, n: number): Buffer =>
  Buffer.from(Array.from({ length: n }, () => int(rnd, 256)));
const withLength = (buf: Buffer, length: number): Buffer => {
  const copy = Buffer.from(buf);
  copy.writeInt32LE(length | 0, 0);
  return copy;
};

const mutations: Record<string, Mutation> = {
  randomBytes: (rnd) => randomBytes(rnd, int(rnd, 300)),
  truncated: (rnd) => {
    const m = pick(rnd, seeds);
    return m.subarray(0, int(rnd, m.length));
  },
  lengthTooSmall: (rnd) => withLength(pick(rnd, seeds), int(rnd, 20) - 4),
  lengthTooBig: (rnd) => {
    const m = pick(rnd, seeds);
    return withLength(m, m.length + 1 + int(rnd, 64));
  },
  hugeLength: (rnd) =>
    withLength(
      pick(rnd, seeds),
      pick(rnd, [0x7fffffff, 48_000_001, 64 * 1024 * 1024, -1, -2147483648]),
    ),
  bitFlip: (rnd) => {
    const m = Buffer.from(pick(rnd, seeds));
    for (let i = 0, n = 1 + int(rnd, 4); i < n; i += 1)
      m[16 + int(rnd, m.length - 16)] ^= 1 << int(rnd, 8);
    return m;
  },
  badBson: (rnd) => {
    const doc = Buffer.from(serialize({ find: 'fuzz', filter: { a: 'b' }, $db: FUZZ_DB }));
    const variant = int(rnd, 4);
    if (variant === 0)
      doc.writeInt32LE(doc.length + 100, 0); // document longer than the message
    else if (variant === 1)
      doc[4 + int(rnd, doc.length - 5)] = pick(rnd, [0x00, 0x13, 0x7f, 0xee, 0x03]); // bad type/name
    else if (variant === 2)
      doc[doc.length - 1] = 1; // missing terminator
    else doc.writeInt32LE(3, 0); // impossibly short
    const body = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), doc]);
    const h = Buffer.alloc(16);
    h.writeInt32LE(16 + body.length, 0);
    h.writeInt32LE(9, 4);
    h.writeInt32LE(2013, 12);
    return Buffer.concat([h, body]);
  },
  badSectionKind: (rnd) => {
    const m = Buffer.from(seeds[0]);
    m[20] = pick(rnd, [2, 3, 0x80, 0xff]);
    return m;
  },
  badSequence: (rnd) => {
    const m = Buffer.from(seeds[2]);
    const bodyLen = m.readInt32LE(21);
    m.writeInt32LE(pick(rnd, [0, 3, 0x7fffffff, -5, 1 << 20]), 21 + bodyLen + 1);
    return m;
  },
  unknownOpcode: (rnd) => {
    const m = Buffer.from(pick(rnd, seeds));
    m.writeInt32LE(
      pick(rnd, [0, 1, 1000, 2001, 2002, 2005, 2006, 2012, 2014, int(rnd, 1 << 30)]),
      12,
    );
    return m;
  },
  flagBits: (rnd) => {
    const m = Buffer.from(pick(rnd, seeds.slice(0, 5)));
    m.writeUInt32LE(pick(rnd, [1, 2, 1 << 16, 0xffffffff, 0x10000 | 2]), 16); // checksum without one, moreToCome, unknown bits
    return m;
  },
  garbageAfterValid: (rnd) => Buffer.concat([pick(rnd, seeds), randomBytes(rnd, 1 + int(rnd, 40))]),
};

describe('wire fuzz', () => {
  it('answers a raw ping and a legacy OP_QUERY ismaster', async () => {
    expect((await rawPing(host, port)).ok).toBe(1);
    const hello = replyBody(await roundTrip(host, port, seeds[5], 3000));
    expect(hello.ismaster ?? hello.isWritablePrimary).toBe(true);
  });

  it(`survives ${COUNT} hostile messages (seed ${SEED})`, async () => {
    const rnd = prng(SEED);
    const names = Object.keys(mutations);
    const counts: Record<string, number> = {};
    for (let i = 0; i < COUNT; i += 1) {
      const name = names[i % names.length];
      const bytes = mutations[name](rnd);
      counts[name] = (counts[name] ?? 0) + 1;
      await sendHostile(host, port, bytes, 500);
      let ok: unknown;
      try {
        ok = (await rawPing(host, port)).ok;
      } catch (err) {
        const head = bytes.subarray(0, 64).toString('hex');
        throw new Error(
          `after message ${i} (${name}, ${bytes.length} bytes: ${head}): ping failed: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      expect(ok).toBe(1);
    }
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(COUNT);
  }, 120_000);

  it('keeps serving other connections while one sends a partial message', async () => {
    const m = seeds[1];
    const stalled = net.connect({ host, port });
    stalled.on('error', () => undefined);
    await new Promise<void>((resolve) =>
      stalled.on('connect', () => stalled.write(m.subarray(0, m.length - 3), () => resolve())),
    );
    try {
      expect((await rawPing(host, port)).ok).toBe(1);
    } finally {
      stalled.destroy();
    }
  });
});
