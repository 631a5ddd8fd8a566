/**
 * Documents as mingo sees them: numeric wrappers (whole doubles, Long, Decimal128; see codec.ts)
 * become JS numbers so mingo's arithmetic and grouping work. Stored documents are immutable, so
 * each one's view is computed once and cached; documents without wrappers are their own view.
 */
import { isDocument, numKind, toNumber, type Doc } from './values.js';

const views = new WeakMap<Doc, Doc>();

function promote(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (numKind(v) !== null) return toNumber(v);
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x) => {
      const y = promote(x);
      if (y !== x) changed = true;
      return y;
    });
    return changed ? out : v;
  }
  if (!isDocument(v)) return v;
  let out: Doc | null = null;
  for (const k of Object.keys(v)) {
    const y = promote(v[k]);
    if (y !== v[k]) {
      out ??= { ...v };
      out[k] = y;
    }
  }
  return out ?? v;
}

/** The mingo view of a stored document. */
export function mingoView(d: Doc): Doc {
  let v = views.get(d);
  if (!v) {
    v = promote(d) as Doc;
    views.set(d, v);
  }
  return v;
}
