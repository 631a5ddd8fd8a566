/**
 * Editing a lesson's draft: its title and time, and its blocks (add, replace, move, delete), then
 * publishing it. Every change names the draft version it was based on; a change based on an older
 * version is refused (ConflictError "This lesson changed since you opened it") and nothing is lost.
 */
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Block, BlockType, LessonContent } from '../curriculum/content.schemas.js';
import { imageSizeLookup } from '../curriculum/lesson-assets.service.js';
import { renderLesson, type RenderedLesson } from '../curriculum/lesson-render.js';
import { publishContent, saveDraft, STALE_MESSAGE } from '../curriculum/lesson-store.service.js';
import {
  getLessonForEditing,
  isBlockIdUsedElsewhere,
  type EditableLesson,
} from '../curriculum/lesson-structure.service.js';

/** Types whose ids are chosen by the author and must be unique in the programme. */
const PROGRAMME_WIDE: BlockType[] = ['quiz', 'assignment', 'resource', 'reflection'];

async function loadCurrent(lessonId: string, version: number): Promise<EditableLesson> {
  const lesson = await getLessonForEditing(lessonId);
  if (lesson.version !== version) throw new ConflictError(STALE_MESSAGE, { code: 'stale_lesson' });
  return lesson;
}

function findIndex(content: LessonContent, blockId: string): number {
  const index = content.blocks.findIndex((b) => b.id === blockId);
  if (index < 0) throw new NotFoundError('That block does not exist (it may have been deleted).');
  return index;
}

/** The next free automatic id for a text or video block: text-1, text-2, ... */
export function nextBlockId(content: LessonContent, type: BlockType): string {
  const used = new Set(content.blocks.map((b) => b.id));
  let n = content.blocks.filter((b) => b.type === type).length + 1;
  while (used.has(`${type}-${n}`)) n++;
  return `${type}-${n}`;
}

async function assertIdFree(
  lesson: EditableLesson,
  block: Block,
  replacing?: string,
): Promise<void> {
  const clash = lesson.draft.blocks.some((b) => b.id === block.id && b.id !== replacing);
  if (
    clash ||
    (PROGRAMME_WIDE.includes(block.type) && (await isBlockIdUsedElsewhere(lesson.id, block.id)))
  ) {
    throw new ConflictError(`The id "${block.id}" is already used; choose another.`, {
      code: 'duplicate_block_id',
    });
  }
}

/** Saves the lesson's title and estimated minutes; returns the new version. */
export async function saveLessonDetails(
  lessonId: string,
  version: number,
  details: { title: string; minutes: number | null },
): Promise<number> {
  const lesson = await loadCurrent(lessonId, version);
  return saveDraft(lessonId, version, { ...lesson.draft, ...details });
}

/** Adds a block at the end (or after block `afterId`); returns the new version. */
export async function addBlock(
  lessonId: string,
  version: number,
  block: Block,
  afterId?: string,
): Promise<number> {
  const lesson = await loadCurrent(lessonId, version);
  await assertIdFree(lesson, block);
  const blocks = [...lesson.draft.blocks];
  const at = afterId ? findIndex(lesson.draft, afterId) + 1 : blocks.length;
  blocks.splice(at, 0, block);
  return saveDraft(lessonId, version, { ...lesson.draft, blocks });
}

/** Replaces block `blockId` with `block`; returns the new version. */
export async function replaceBlock(
  lessonId: string,
  version: number,
  blockId: string,
  block: Block,
): Promise<number> {
  const lesson = await loadCurrent(lessonId, version);
  const index = findIndex(lesson.draft, blockId);
  if (block.id !== blockId) await assertIdFree(lesson, block, blockId);
  const blocks = lesson.draft.blocks.map((b, i) => (i === index ? block : b));
  return saveDraft(lessonId, version, { ...lesson.draft, blocks });
}

/** Moves a block one place up or down; returns the new version. */
export async function moveBlock(
  lessonId: string,
  version: number,
  blockId: string,
  direction: 'up' | 'down',
): Promise<number> {
  const lesson = await loadCurrent(lessonId, version);
  const index = findIndex(lesson.draft, blockId);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target < 0 || target >= lesson.draft.blocks.length) return version;
  const blocks = [...lesson.draft.blocks];
  [blocks[index], blocks[target]] = [blocks[target], blocks[index]];
  return saveDraft(lessonId, version, { ...lesson.draft, blocks });
}

/** Deletes a block from the draft (published content keeps it until the next publish). */
export async function deleteBlock(
  lessonId: string,
  version: number,
  blockId: string,
): Promise<number> {
  const lesson = await loadCurrent(lessonId, version);
  const index = findIndex(lesson.draft, blockId);
  return saveDraft(lessonId, version, {
    ...lesson.draft,
    blocks: lesson.draft.blocks.filter((_, i) => i !== index),
  });
}

/** Publishes the draft as a new revision with the author's change note. */
export async function publishLesson(
  lessonId: string,
  version: number,
  note: string,
  author: { id: string; name: string },
): Promise<number> {
  const lesson = await loadCurrent(lessonId, version);
  if (lesson.draft.blocks.length === 0)
    throw new ConflictError('Add at least one block before publishing.');
  const result = await publishContent(lessonId, version, lesson.draft, {
    kind: 'publish',
    author,
    note,
  });
  return result.revision;
}

/** The draft rendered exactly as learners will see it once published (image sizes included). */
export async function renderDraft(lesson: EditableLesson): Promise<RenderedLesson> {
  return renderLesson(lesson.draft, await imageSizeLookup(lesson.draft));
}
