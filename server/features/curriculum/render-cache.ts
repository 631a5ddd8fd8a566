/**
 * Values derived from a published lesson revision (its parsed content, its rendered HTML), cached
 * per lesson id and revision number: a revision never changes, so each is computed once per
 * process and reused for every learner. Bounded so a large programme cannot grow memory without
 * limit (oldest entries go first).
 */
const MAX_ENTRIES = 2000;
const cache = new Map<string, unknown>();

/** The cached `kind` value for a lesson revision, computing and storing it on a miss. */
export function cachedForRevision<T>(kind: 'content' | 'html', lessonId: string, revision: number, compute: () => T): T {
  const key = `${lessonId}:${revision}:${kind}`;
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** Rendered HTML of a lesson revision (see lesson-render.ts). */
export function cachedRender<T>(lessonId: string, revision: number, render: () => T): T {
  return cachedForRevision('html', lessonId, revision, render);
}

/** Whether a lesson revision's HTML is cached (callers skip preparing what only a render needs). */
export function hasCachedRender(lessonId: string, revision: number): boolean {
  return cache.has(`${lessonId}:${revision}:html`);
}

/** Drops every cached value of a lesson (after publish/restore/delete). */
export function invalidateLesson(lessonId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${lessonId}:`)) cache.delete(key);
}

/** Empties the cache (tests, or after a bulk import). */
export function clearRenderCache(): void {
  cache.clear();
}
