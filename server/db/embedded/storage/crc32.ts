/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial). Node 20's zlib has no crc32 (added in 22.2), so
 * this is the classic table-driven version; it checksums journal and snapshot records.
 */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** The CRC-32 of bytes [start, end) of `buf`, as an unsigned 32-bit number. */
export function crc32(buf: Uint8Array, start = 0, end = buf.length): number {
  let c = -1;
  for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
