/**
 * The authoring routes in the role matrix (issue 5): authors and admins only; everyone else signed
 * in gets 403, visitors are sent to sign in. Forms are posted so that nothing shared changes:
 * empty or stale (version 999999) forms are refused, moves of the last module or block are no-ops,
 * the matrix module still has lessons so it is not deleted, and each actor deletes only their own
 * scratch lesson (content.ts).
 */
import type { Config } from '../../../server/config/env.js';
import { content, DRAFT_TEXT, matrixContent } from './content.js';
import { only, type Actor, type Expectation, type RouteCase, type World } from './matrix.js';

const authors = (): Record<Actor, Expectation> => only('author', 'admin');
const STALE = '999999';

export async function setup(world: World, config: Config): Promise<void> {
  await matrixContent(world, config);
}

/** Restoring revision 1 of texts never published in the browser: authors pass the guard to a 404. */
const restoreUnrecorded = (path: RouteCase['path']): RouteCase => ({
  method: 'POST',
  path,
  body: { version: STALE },
  expect: { ...authors(), author: 404, admin: 404 },
  note: 'no revision recorded yet',
});

const mod = (w: World) => `/authoring/modules/${content(w).moduleId}`;
const lesson = (w: World) => `/authoring/lessons/${content(w).lessonId}`;
const draft = (w: World) => `/authoring/lessons/${content(w).draftLessonId}`;

export const routes: RouteCase[] = [
  // The programme and its modules.
  { method: 'GET', path: '/authoring', expect: authors() },
  {
    method: 'POST',
    path: '/authoring/preview',
    body: { markdown: '**bold**' },
    expect: authors(),
    note: 'JSON for the live preview',
    sees: { author: { has: ['<strong>bold</strong>'] } },
  },
  { method: 'GET', path: '/authoring/programme', expect: authors() },
  { method: 'POST', path: '/authoring/programme', expect: authors(), note: 'empty form: 4xx' },
  { method: 'POST', path: '/authoring/programme/publish', expect: authors(), note: 'empty: 422' },
  { method: 'GET', path: '/authoring/programme/preview', expect: authors() },
  { method: 'GET', path: '/authoring/programme/history', expect: authors() },
  {
    method: 'POST',
    path: '/authoring/programme/history/1/restore',
    body: { version: STALE },
    expect: authors(),
    note: 'revision 1 is the import; stale version: nothing restored',
  },
  { method: 'GET', path: '/authoring/modules/new', expect: authors() },
  { method: 'POST', path: '/authoring/modules', expect: authors(), note: 'empty form: 422' },
  { method: 'GET', path: (w) => `${mod(w)}/edit`, expect: authors() },
  { method: 'POST', path: mod, expect: authors(), note: 'empty form: 422' },
  {
    method: 'POST',
    path: (w) => `${mod(w)}/move`,
    body: { direction: 'down' },
    expect: authors(),
    note: 'already last: no change',
  },
  { method: 'POST', path: (w) => `${mod(w)}/publish`, expect: authors(), note: 'empty: 422' },
  { method: 'GET', path: (w) => `${mod(w)}/preview`, expect: authors() },
  { method: 'GET', path: (w) => `${mod(w)}/history`, expect: authors() },
  restoreUnrecorded((w) => `${mod(w)}/history/1/restore`),
  { method: 'GET', path: (w) => `${mod(w)}/delete`, expect: authors() },
  {
    method: 'POST',
    path: (w) => `${mod(w)}/delete`,
    expect: authors(),
    note: 'it has lessons: refused with a message',
  },
  { method: 'GET', path: (w) => `${mod(w)}/lessons/new`, expect: authors() },
  { method: 'POST', path: (w) => `${mod(w)}/lessons`, expect: authors(), note: 'empty form: 422' },

  // One lesson: editor, details, place, delete, preview, publish, history, files.
  { method: 'GET', path: lesson, expect: authors() },
  { method: 'POST', path: lesson, expect: authors(), note: 'empty form: 422' },
  {
    method: 'POST',
    path: (w) => `${lesson(w)}/move`,
    body: { direction: 'up' },
    expect: authors(),
    note: 'already first: no change',
  },
  {
    method: 'POST',
    path: (w) => `${lesson(w)}/module`,
    body: (w) => ({ moduleId: content(w).moduleId }),
    expect: authors(),
    note: 'to its own module: no change',
  },
  { method: 'GET', path: (w) => `${lesson(w)}/delete`, expect: authors() },
  {
    method: 'POST',
    path: (w, actor) => `/authoring/lessons/${content(w).scratch[actor]}/delete`,
    expect: authors(),
    note: "each actor's own scratch lesson",
  },
  {
    method: 'GET',
    path: (w) => `${draft(w)}/preview`,
    expect: authors(),
    note: 'the draft: authors see it, nobody else',
    sees: {
      author: { has: [DRAFT_TEXT] },
      admin: { has: [DRAFT_TEXT] },
      innovator: { lacks: [DRAFT_TEXT] },
    },
  },
  { method: 'POST', path: (w) => `${draft(w)}/publish`, expect: authors(), note: 'empty: 422' },
  { method: 'GET', path: (w) => `${lesson(w)}/history`, expect: authors() },
  {
    method: 'POST',
    path: (w) => `${lesson(w)}/history/1/restore`,
    body: { version: STALE },
    expect: authors(),
    note: 'stale version: nothing restored',
  },
  {
    method: 'POST',
    path: (w) => `${draft(w)}/images`,
    expect: authors(),
    note: 'no file: 400',
  },

  // Blocks of the draft-only lesson.
  { method: 'GET', path: (w) => `${draft(w)}/blocks/new?type=text`, expect: authors() },
  {
    method: 'POST',
    path: (w) => `${draft(w)}/blocks`,
    body: { type: 'text', markdown: 'Preview only', action: 'preview' },
    expect: authors(),
    note: 'preview: saves nothing',
  },
  { method: 'GET', path: (w) => `${draft(w)}/blocks/text-1`, expect: authors() },
  {
    method: 'POST',
    path: (w) => `${draft(w)}/blocks/text-1`,
    body: { markdown: 'Preview only', action: 'preview' },
    expect: authors(),
    note: 'preview: saves nothing',
  },
  {
    method: 'POST',
    path: (w) => `${draft(w)}/blocks/text-1/move`,
    body: { direction: 'up', version: STALE },
    expect: authors(),
    note: 'stale version: no change',
  },
  {
    method: 'POST',
    path: (w) => `${draft(w)}/blocks/text-1/delete`,
    body: { version: STALE },
    expect: authors(),
    note: 'stale version: no change',
  },
];
