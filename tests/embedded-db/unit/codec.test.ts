/** The value representation: BSON numeric types survive a decode/encode round trip. */
import { BSON, Decimal128, Double, Int32, Long } from 'bson';
import { decodeDocument, encodeDocument } from '../../../server/db/embedded/codec.js';

function typesOf(bytes: Uint8Array): Record<string, string> {
  const raw = BSON.deserialize(bytes, { promoteValues: false }) as Record<
    string,
    { _bsontype?: string }
  >;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v?._bsontype ?? typeof v]));
}

describe('codec', () => {
  it('keeps int32, whole and fractional doubles, int64 and decimal distinct', () => {
    const input = BSON.serialize({
      i: new Int32(5),
      d: new Double(5),
      f: new Double(5.5),
      big: new Double(2 ** 40),
      l: Long.fromNumber(5),
      m: Decimal128.fromString('5'),
    });
    const doc = decodeDocument(input);
    expect(doc.i).toBe(5);
    expect(doc.f).toBe(5.5);
    expect(doc.d).toBeInstanceOf(Double);
    expect(typesOf(encodeDocument(doc))).toEqual({
      i: 'Int32',
      d: 'Double',
      f: 'Double',
      big: 'Double',
      l: 'Long',
      m: 'Decimal128',
    });
  });

  it('normalises nested documents and arrays too', () => {
    const doc = decodeDocument(BSON.serialize({ a: { b: [new Int32(1), new Double(2)] } }));
    expect((doc.a as { b: unknown[] }).b[0]).toBe(1);
    expect((doc.a as { b: unknown[] }).b[1]).toBeInstanceOf(Double);
  });
});
