/**
 * Curriculum content for the role matrix's curriculum, authoring and learning tables, made once per
 * run whichever table asks first. A module is added at the end of the programme the other tables
 * already use (through the curriculum's own services, not the importer, which would remove what
 * its files do not list), so nothing they rely on changes: a published lesson with a
 * resource file, two reflections and a quiz, a text-only lesson, a draft-only lesson with its own
 * file, a file uploaded to the published lesson's draft only, and one scratch lesson per actor
 * (for the delete route).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import type { Config } from '../../../server/config/env.js';
import { addBlock } from '../../../server/features/authoring/lesson-editing.service.js';
import { storeLessonAsset } from '../../../server/features/curriculum/lesson-assets.service.js';
import type {
  Block,
  Quiz,
  StoredFile,
} from '../../../server/features/curriculum/content.schemas.js';
import { createLesson } from '../../../server/features/curriculum/lesson-store.service.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';
import { createLessonInModule } from '../../../server/features/curriculum/lesson-structure.service.js';
import { pngBytes } from '../../helpers/factories/assignments.js';
import { ACTORS, type Actor, type World } from './matrix.js';

export const MODULE = 'matrix-module';
/** Published: text, a resource file, two reflections, a quiz. */
export const LESSON = 'matrix-lesson';
/** Published, text only (can be marked complete). */
export const READING = 'matrix-reading';
/** Never published. */
export const DRAFT = 'matrix-draft';
export const DRAFT_TITLE = 'Matrix draft lesson';
export const DRAFT_TEXT = 'Unpublished words of the matrix draft';
/** The reflection the matrix posts to; the journal fixtures use the other one. */
export const REFLECTION = 'matrix-reflection';
export const JOURNAL_REFLECTION = 'matrix-journal';
export const QUIZ = 'matrix-quiz';

export interface MatrixContent {
  programmeSlug: string;
  moduleId: string;
  lessonId: string;
  draftLessonId: string;
  /** A draft-only lesson per actor: the delete route removes the one of whoever calls it. */
  scratch: Record<Actor, string>;
  /** The resource file of the published lesson. */
  publishedAsset: string;
  /** The resource file of the draft-only lesson. */
  draftAsset: string;
  /** An image uploaded to the published lesson's draft, not published yet. */
  pendingAsset: string;
}

/** The programme learners see (the first by order, then slug), made if there is none yet. */
async function defaultProgramme(): Promise<{ _id: Types.ObjectId; slug: string }> {
  const existing = await Programme.findOne({}).sort({ order: 1, slug: 1 }).lean();
  return existing ?? Programme.create({ slug: 'matrix-programme', order: 0, title: 'Matrix' });
}

/** A lesson published as an import would publish it (revision 1). */
async function publishedLesson(
  where: { programme: Types.ObjectId; module: Types.ObjectId; _id?: Types.ObjectId },
  slug: string,
  order: number,
  title: string,
  blocks: Block[],
): Promise<Types.ObjectId> {
  const lesson = await createLesson(
    { ...where, slug, order, content: { title, minutes: 5, blocks, translations: {} } },
    { kind: 'import', note: 'Matrix fixture', author: null },
  );
  return lesson._id;
}

const quiz: Quiz = {
  id: QUIZ,
  title: 'Matrix quiz',
  passMark: 60,
  attempts: 20,
  questions: [
    {
      id: 'q1',
      kind: 'truefalse',
      prompt: 'Guards run before controllers.',
      answer: true,
      options: [],
      accepted: [],
      feedback: '',
    },
  ],
};

/** Stores a file as an asset of the lesson, as an author's upload would. */
async function storeAsset(
  uploadsDir: string,
  lessonId: string,
  kind: 'resource' | 'image',
  bytes: Buffer,
): Promise<StoredFile> {
  const [ext, mime] = kind === 'image' ? ['png', 'image/png'] : ['txt', 'text/plain'];
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'atelier-matrix-asset-')), `f.${ext}`);
  writeFileSync(file, bytes);
  return storeLessonAsset(uploadsDir, {
    lesson: new Types.ObjectId(lessonId),
    absPath: file,
    ext,
    originalName: `${kind}.${ext}`,
    mime,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    kind,
  });
}

async function build(config: Config): Promise<MatrixContent> {
  const programme = await defaultProgramme();
  // Last in the programme, so that moving it down changes nothing; published, as imported.
  const last = await CourseModule.findOne({ programme: programme._id }).sort({ order: -1 }).lean();
  const mod = await CourseModule.create({
    programme: programme._id,
    slug: MODULE,
    order: (last?.order ?? 0) + 1,
    title: 'Matrix module',
    outcomes: ['Check access.'],
    effortHours: 1,
  });
  const where = { programme: programme._id, module: mod._id };
  const lessonId = new Types.ObjectId();
  const handout = await storeAsset(
    config.uploadsDir,
    String(lessonId),
    'resource',
    Buffer.from('A handout for the matrix lesson.\n'),
  );
  await publishedLesson({ ...where, _id: lessonId }, LESSON, 1, 'Matrix lesson', [
    { id: 'text-1', type: 'text', markdown: 'Text of the matrix lesson.' },
    { id: 'matrix-handout', type: 'resource', title: 'Matrix handout', file: handout },
    { id: REFLECTION, type: 'reflection', prompt: 'What did you try?' },
    { id: JOURNAL_REFLECTION, type: 'reflection', prompt: 'What will you keep?' },
    { id: 'quiz-1', type: 'quiz', quiz },
  ]);
  await publishedLesson(where, READING, 2, 'Matrix reading', [
    { id: 'text-1', type: 'text', markdown: 'Just reading.' },
  ]);
  const moduleId = String(mod._id);

  const draft = await createLessonInModule(moduleId, { slug: DRAFT, title: DRAFT_TITLE });
  const draftLessonId = String(draft._id);
  const draftFile = await storeAsset(
    config.uploadsDir,
    draftLessonId,
    'resource',
    Buffer.from('A handout nobody has published yet.\n'),
  );
  const version = await addBlock(draftLessonId, draft.version, {
    id: 'text-2',
    type: 'text',
    markdown: DRAFT_TEXT,
  });
  await addBlock(draftLessonId, version, {
    id: 'draft-handout',
    type: 'resource',
    title: 'Draft handout',
    file: draftFile,
  });

  const scratch = {} as Record<Actor, string>;
  for (const actor of ACTORS) {
    const made = await createLessonInModule(moduleId, {
      slug: `matrix-scratch-${actor}`,
      title: `Scratch lesson of ${actor}`,
    });
    scratch[actor] = String(made._id);
  }

  return {
    programmeSlug: programme.slug,
    moduleId,
    lessonId: String(lessonId),
    draftLessonId,
    scratch,
    publishedAsset: handout.storedName,
    draftAsset: draftFile.storedName,
    pendingAsset: (await storeAsset(config.uploadsDir, String(lessonId), 'image', await pngBytes()))
      .storedName,
  };
}

/** The content fixtures, made on first use (several tables' setup() ask for them). */
export async function matrixContent(world: World, config: Config): Promise<MatrixContent> {
  world.extra.content ??= await build(config);
  return world.extra.content as MatrixContent;
}

/** The fixtures in a route table's path or body function (after setup). */
export const content = (w: World) => w.extra.content as MatrixContent;
