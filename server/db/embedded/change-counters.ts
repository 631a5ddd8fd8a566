/**
 * Change counters: a cheap, exact answer to "may these documents have changed since I read them?"
 * for a process that runs the engine and keeps copies of what it read.
 *
 * The counters live in shared memory (a SharedArrayBuffer the host hands to the engine's thread).
 * Every write the engine applies - insert, update, replace, delete, TTL removal, from any client,
 * including other processes over TCP - adds one to a slot picked by hashing the namespace, a
 * tracked field and that field's value (before and after the write); dropping or renaming a
 * collection or database moves an epoch that every stamp includes. A reader takes a stamp BEFORE
 * it reads from the database and keeps it with its copy; while a new stamp equals the kept one, no
 * write has touched a matching document since, so the copy is still what the database holds. Two
 * keys sharing a slot only cause a needless re-read. Every write also moves its collection's own
 * slot, for readers whose copy depends on a whole collection. The engine knows nothing of what is
 * cached: it counts writes by field value, for the fields the host names (always `_id`).
 */
import { canonicalKey } from './bson-order.js';

export const CHANGE_SLOTS = 1 << 17;
const EPOCH = CHANGE_SLOTS; // the extra slot after the hashed ones

/** 32-bit FNV-1a over the UTF-16 code units of a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class ChangeCounters {
  private readonly slots: Int32Array;

  /** `buffer`: from `ChangeCounters.allocate()`, shared between the engine and the reader. */
  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly fields: readonly string[],
  ) {
    this.slots = new Int32Array(buffer);
    if (this.slots.length !== CHANGE_SLOTS + 1)
      throw new Error('change counters: wrong buffer size');
    if (!fields.includes('_id')) this.fields = ['_id', ...fields];
  }

  static allocate(): SharedArrayBuffer {
    return new SharedArrayBuffer(4 * (CHANGE_SLOTS + 1));
  }

  private slotOf(ns: string, field: string, value: unknown): number {
    return hash(`${ns}\u0000${field}\u0000${canonicalKey(value)}`) & (CHANGE_SLOTS - 1);
  }

  private collectionSlot(ns: string): number {
    return hash(`${ns}\u0000`) & (CHANGE_SLOTS - 1);
  }

  /** The engine: a document was written (call with the old and the new version, whichever exist). */
  noteWrite(ns: string, doc: Readonly<Record<string, unknown>>): void {
    Atomics.add(this.slots, this.collectionSlot(ns), 1);
    for (const field of this.fields) {
      const value = doc[field];
      if (value !== undefined) Atomics.add(this.slots, this.slotOf(ns, field, value), 1);
    }
  }

  /** The engine: a collection or database went away or changed name; every stamp moves. */
  noteDrop(): void {
    Atomics.add(this.slots, EPOCH, 1);
  }

  /**
   * The reader: the current stamp for documents of `ns` whose `field` equals `value`. Take it
   * before reading; while it stays the same, no such document was written. Untracked fields throw.
   */
  stamp(ns: string, field: string, value: unknown): number {
    if (!this.fields.includes(field)) throw new Error(`change counters: "${field}" is not tracked`);
    return this.stampOf(this.slotOf(ns, field, value));
  }

  /** The reader: the current stamp for the whole collection `ns` (any write to it moves it). */
  collectionStamp(ns: string): number {
    return this.stampOf(this.collectionSlot(ns));
  }

  private stampOf(index: number): number {
    // Two 32-bit counters in one safe integer: the epoch's low 21 bits above the slot's 32.
    const slot = Atomics.load(this.slots, index) >>> 0;
    const epoch = Atomics.load(this.slots, EPOCH) & 0x1fffff;
    return epoch * 2 ** 32 + slot;
  }
}
