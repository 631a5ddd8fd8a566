/**
 * Canonical form of lesson content. Import and publish compare hashes of this form to tell a real
 * change from a no-op, which is what makes a second import change nothing.
 */
import { createHash } from 'node:crypto';
import { lessonContentSchema, type LessonContent } from './content.schemas.js';

/** JSON with object keys sorted and undefined dropped, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Parses stored or submitted content into its normal form (defaults filled, unknown keys dropped). */
export function normalizeContent(raw: unknown): LessonContent {
  const plain = raw && typeof raw === 'object' && 'toObject' in raw ? (raw as { toObject(): unknown }).toObject() : raw;
  return lessonContentSchema.parse(JSON.parse(JSON.stringify(plain)));
}

/** sha256 of the canonical JSON of normalised content. */
export function contentHash(content: LessonContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
