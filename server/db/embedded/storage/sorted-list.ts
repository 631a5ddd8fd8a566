/**
 * A sorted list of distinct entries kept as a list of bounded sorted chunks (the layout of
 * Python's sortedcontainers): insert and delete cost a binary search plus a splice of at most
 * 2*LOAD elements, so 100,000 inserts in any key order stay fast, and range scans walk chunks in
 * order. Simpler than a B+tree with the same asymptotics for in-memory sizes.
 */
const LOAD = 256;

export type Cmp<E> = (a: E, b: E) => number;

export class SortedList<E> {
  private chunks: E[][] = [];
  /** The last (largest) entry of each chunk. */
  private maxes: E[] = [];
  private count = 0;

  constructor(private readonly cmp: Cmp<E>) {}

  get size(): number {
    return this.count;
  }

  /** Index of the first chunk whose max is >= e (chunks.length if none). */
  private chunkFor(e: E): number {
    let lo = 0;
    let hi = this.maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.maxes[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static bisect<E>(arr: E[], e: E, cmp: Cmp<E>): number {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(arr[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(e: E): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([e]);
      this.maxes.push(e);
      return;
    }
    let i = this.chunkFor(e);
    if (i === this.chunks.length) {
      i--;
      this.chunks[i].push(e);
      this.maxes[i] = e;
    } else {
      const chunk = this.chunks[i];
      chunk.splice(SortedList.bisect(chunk, e, this.cmp), 0, e);
    }
    const chunk = this.chunks[i];
    if (chunk.length > 2 * LOAD) {
      const right = chunk.splice(LOAD);
      this.chunks.splice(i + 1, 0, right);
      this.maxes.splice(i, 1, chunk[chunk.length - 1], right[right.length - 1]);
    }
  }

  /** Removes the entry comparing equal to `e`; returns whether one was there. */
  delete(e: E): boolean {
    const i = this.chunkFor(e);
    if (i === this.chunks.length) return false;
    const chunk = this.chunks[i];
    const j = SortedList.bisect(chunk, e, this.cmp);
    if (j >= chunk.length || this.cmp(chunk[j], e) !== 0) return false;
    chunk.splice(j, 1);
    this.count--;
    if (chunk.length === 0) {
      this.chunks.splice(i, 1);
      this.maxes.splice(i, 1);
    } else if (j === chunk.length) {
      this.maxes[i] = chunk[j - 1];
    }
    return true;
  }

  /**
   * Entries from the first one for which `below(e)` is false, while `above(e)` is false.
   * `below` must be monotone (true for a prefix of the list), `above` too (true for a suffix).
   */
  *range(below: ((e: E) => boolean) | null, above: ((e: E) => boolean) | null): Generator<E> {
    let ci = 0;
    let j = 0;
    if (below) {
      let lo = 0;
      let hi = this.maxes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (below(this.maxes[mid])) lo = mid + 1;
        else hi = mid;
      }
      ci = lo;
      if (ci < this.chunks.length) {
        const chunk = this.chunks[ci];
        let a = 0;
        let b = chunk.length;
        while (a < b) {
          const mid = (a + b) >>> 1;
          if (below(chunk[mid])) a = mid + 1;
          else b = mid;
        }
        j = a;
      }
    }
    for (; ci < this.chunks.length; ci++, j = 0) {
      const chunk = this.chunks[ci];
      for (; j < chunk.length; j++) {
        if (above && above(chunk[j])) return;
        yield chunk[j];
      }
    }
  }

  /**
   * The last entry for which `above(e)` is false (`above` monotone: true for a suffix), or
   * undefined. With range(), lets a caller walk distinct key values downwards by seeking.
   */
  lastBefore(above: (e: E) => boolean): E | undefined {
    let lo = 0;
    let hi = this.maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (above(this.maxes[mid])) hi = mid;
      else lo = mid + 1;
    }
    // Chunks before `lo` lie wholly below the suffix; the answer is in chunk `lo` or ends chunk lo-1.
    if (lo < this.chunks.length) {
      const chunk = this.chunks[lo];
      let a = 0;
      let b = chunk.length;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (above(chunk[mid])) b = mid;
        else a = mid + 1;
      }
      if (a > 0) return chunk[a - 1];
    }
    return lo > 0 ? this.maxes[lo - 1] : undefined;
  }

  *[Symbol.iterator](): Generator<E> {
    for (const chunk of this.chunks) yield* chunk;
  }

  /** Replaces the contents with `entries`, which must already be sorted and distinct. */
  load(entries: E[]): void {
    this.chunks = [];
    this.maxes = [];
    for (let i = 0; i < entries.length; i += LOAD) {
      const chunk = entries.slice(i, i + LOAD);
      this.chunks.push(chunk);
      this.maxes.push(chunk[chunk.length - 1]);
    }
    this.count = entries.length;
  }

  clear(): void {
    this.chunks = [];
    this.maxes = [];
    this.count = 0;
  }
}
