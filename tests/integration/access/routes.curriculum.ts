/**
 * Lesson files in the role matrix (issue 5): a published lesson's file is for anyone signed in; a
 * file of a lesson nobody has published, one uploaded to a draft but not published yet, or one of
 * a published lesson in a module never published, is "not found" for everyone but authors and
 * admins (who preview drafts).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import type { Config } from '../../../server/config/env.js';
import { storeLessonAsset } from '../../../server/features/curriculum/lesson-assets.service.js';
import { createLesson } from '../../../server/features/curriculum/lesson-store.service.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';
import { content, matrixContent } from './content.js';
import { signedIn, type Actor, type Expectation, type RouteCase, type World } from './matrix.js';

/** Authors and admins see the file; other signed-in people get `others`. */
const authorsOnly = (others: Expectation): Record<Actor, Expectation> => ({
  anonymous: 'login',
  innovator: others,
  mentor: others,
  ambassador: others,
  author: 'ok',
  admin: 'ok',
});

const HIDDEN_TEXT = 'A handout of a module nobody has published.\n';

/**
 * A published lesson with a file, in a module created in authoring and never published. It sits
 * in a programme of its own, after the one learners see, so no other table meets it.
 */
async function hiddenModuleAsset(uploadsDir: string): Promise<string> {
  const programme = await Programme.create({ slug: 'matrix-hidden-programme', order: 99, title: 'Hidden' });
  const mod = await CourseModule.create({ programme: programme._id, slug: 'matrix-hidden-module', order: 1, title: 'Hidden module', neverPublished: true });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'atelier-matrix-hidden-')), 'hidden.txt');
  writeFileSync(file, HIDDEN_TEXT);
  const lessonId = new Types.ObjectId();
  const stored = await storeLessonAsset(uploadsDir, {
    lesson: lessonId,
    absPath: file,
    ext: 'txt',
    originalName: 'hidden.txt',
    mime: 'text/plain',
    size: Buffer.byteLength(HIDDEN_TEXT),
    sha256: createHash('sha256').update(HIDDEN_TEXT).digest('hex'),
    kind: 'resource',
  });
  const blocks = [{ id: 'hidden-handout', type: 'resource' as const, title: 'Hidden handout', file: stored }];
  await createLesson(
    { _id: lessonId, programme: programme._id, module: mod._id, slug: 'matrix-hidden-lesson', order: 1, content: { title: 'Hidden lesson', minutes: 5, blocks, translations: {} } },
    { kind: 'publish', note: 'Published before its module', author: null },
  );
  return stored.storedName;
}

export async function setup(world: World, config: Config): Promise<void> {
  await matrixContent(world, config);
  world.extra.hiddenModuleAsset = await hiddenModuleAsset(config.uploadsDir);
}

const asset = (name: string) => `/curriculum/assets/${name}`;

export const routes: RouteCase[] = [
  {
    method: 'GET',
    path: (w) => asset(content(w).publishedAsset),
    expect: signedIn(),
    note: 'resource of a published lesson',
    sees: { innovator: { has: ['A handout for the matrix lesson.'] } },
  },
  {
    method: 'GET',
    path: (w) => asset(content(w).draftAsset),
    expect: authorsOnly(404),
    note: 'resource of a lesson never published',
  },
  {
    method: 'GET',
    path: (w) => asset(content(w).pendingAsset),
    expect: authorsOnly(404),
    note: "image in a published lesson's unpublished draft",
  },
  {
    method: 'GET',
    path: (w) => asset(w.extra.hiddenModuleAsset as string),
    expect: authorsOnly(404),
    note: 'resource of a published lesson in a module never published',
    sees: { author: { has: ['A handout of a module nobody has published.'] } },
  },
  {
    method: 'GET',
    path: asset('00000000-0000-4000-8000-000000000000.txt'),
    expect: signedIn(404),
    note: 'no such file',
  },
];
