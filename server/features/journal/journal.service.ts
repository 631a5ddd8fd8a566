/**
 * The learning journal: reflection answers saved per lesson and gathered in programme order.
 * Only the learner reads their journal; no other role has a route to it.
 */
import { Types } from 'mongoose';
import { BadRequestError } from '../../lib/errors.js';
import { getCourseOutline } from '../learning/course-outline.service.js';
import type { CourseOutline, LessonRef } from '../learning/course.types.js';
import type { JournalMeta } from './journal-export.js';
import { Reflection, type ReflectionAttrs } from './reflection.model.js';

export const MAX_REFLECTION_LENGTH = 20000;

export interface JournalEntry {
  reflectionId: string;
  moduleTitle: string;
  lessonTitle: string;
  moduleSlug: string;
  lessonSlug: string;
  prompt: string;
  text: string;
  updatedAt: Date;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Saves (creates or replaces) one reflection answer; the latest save wins. */
export async function saveReflection(
  userId: string,
  ref: LessonRef,
  reflectionId: string,
  text: string,
  now = new Date(),
): Promise<Date> {
  if (text.length > MAX_REFLECTION_LENGTH) {
    throw new BadRequestError(`A reflection can be at most ${MAX_REFLECTION_LENGTH} characters long.`);
  }
  const key = { user: new Types.ObjectId(userId), programme: ref.programme, reflectionId };
  const update = {
    $set: { text, module: ref.module, lesson: ref.lesson, updatedAt: now },
    $setOnInsert: { createdAt: now },
  };
  try {
    await Reflection.updateOne(key, update, { upsert: true });
  } catch (err) {
    // Two saves racing to create the record: the second becomes a plain update.
    if (!isDuplicateKey(err)) throw err;
    await Reflection.updateOne(key, update);
  }
  return now;
}

/** The learner's answers for some reflections, by reflection id. */
export async function reflectionsFor(userId: string, programme: string, ids: string[]): Promise<Map<string, ReflectionAttrs>> {
  if (ids.length === 0) return new Map();
  const rows = await Reflection.find({ user: new Types.ObjectId(userId), programme, reflectionId: { $in: ids } }).lean<ReflectionAttrs[]>();
  return new Map(rows.map((r) => [r.reflectionId, r]));
}

/** How many reflections the learner has written (for the dashboard). */
export async function countReflections(userId: string, programme: string): Promise<number> {
  return Reflection.countDocuments({ user: new Types.ObjectId(userId), programme, text: { $ne: '' } });
}

/**
 * Every non-empty reflection of the learner, in programme order. Answers to prompts that were
 * since removed from the content are kept at the end under their old lesson slug.
 */
export async function journalEntries(userId: string, outline: CourseOutline): Promise<JournalEntry[]> {
  const rows = await Reflection.find({ user: new Types.ObjectId(userId), programme: outline.programmeSlug, text: { $ne: '' } }).lean<ReflectionAttrs[]>();
  const byId = new Map(rows.map((r) => [r.reflectionId, r]));
  const entries: JournalEntry[] = [];
  for (const mod of outline.modules) {
    for (const lesson of mod.lessons) {
      for (const prompt of lesson.reflections) {
        const row = byId.get(prompt.id);
        if (!row) continue;
        byId.delete(prompt.id);
        entries.push({
          reflectionId: prompt.id,
          moduleTitle: mod.title,
          lessonTitle: lesson.title,
          moduleSlug: mod.slug,
          lessonSlug: lesson.slug,
          prompt: prompt.prompt,
          text: row.text,
          updatedAt: row.updatedAt,
        });
      }
    }
  }
  for (const row of byId.values()) {
    entries.push({
      reflectionId: row.reflectionId,
      moduleTitle: 'Earlier reflections',
      lessonTitle: row.lesson,
      moduleSlug: row.module,
      lessonSlug: row.lesson,
      prompt: '',
      text: row.text,
      updatedAt: row.updatedAt,
    });
  }
  return entries;
}

/** The learner's journal for the published programme, with what an export's heading needs. */
export async function loadJournal(userId: string, learnerName: string): Promise<{ entries: JournalEntry[]; meta: JournalMeta }> {
  const outline = await getCourseOutline();
  const entries = outline ? await journalEntries(userId, outline) : [];
  return { entries, meta: { learnerName, programmeTitle: outline?.title ?? '', exportedAt: new Date() } };
}
