/**
 * The import's clean-up: lessons and modules of a programme that are in the database but no
 * longer in the files. Authors also edit in the browser, so an import never destroys their work:
 * an item is removed only when an import wrote it and nothing changed since (its hashes still
 * equal `importedHash`); anything else is kept and reported. Removal goes through the same
 * service as deleting in authoring, so caches are invalidated the same way. Learners' progress
 * and submissions are keyed by slug and stay: re-adding the file brings the lesson back with them.
 */
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { AppError } from '../../lib/errors.js';
import { canonicalJson } from './content-hash.js';
import type { ParsedProgramme } from './files/read-programme.js';
import { Lesson } from './lesson.model.js';
import { CourseModule, type ModuleAttrs } from './module.model.js';
import { deleteLesson } from './lesson-structure.service.js';
import { deleteModule } from './structure.service.js';

export const KEPT_CHANGED = 'changed in the browser since the last import; export or delete it in authoring';

type ModuleTexts = Pick<ModuleAttrs, 'title' | 'intro' | 'outcomes' | 'effortHours' | 'prerequisites'>;

/** sha256 of a module's texts as the files give them (what `importedHash` records for modules). */
export function moduleTextsHash(m: ModuleTexts): string {
  const texts = { title: m.title, intro: m.intro, outcomes: [...m.outcomes], effortHours: m.effortHours, prerequisites: [...m.prerequisites] };
  return createHash('sha256').update(canonicalJson(texts)).digest('hex');
}

export interface RemovalOutcome {
  removed: string[];
  kept: string[];
}

interface HashedLesson {
  importedHash?: string | null;
  draftHash: string;
  publishedHash: string | null;
}

/** Imported, and neither the draft nor the published version changed since. */
function lessonUntouched(l: HashedLesson): boolean {
  return Boolean(l.importedHash) && l.draftHash === l.importedHash && l.publishedHash === l.importedHash;
}

type StoredModule = ModuleAttrs & { _id: Types.ObjectId; draft?: unknown };

/** Imported, its texts unchanged since, and no unpublished browser edit waiting. */
function moduleUntouched(m: StoredModule): boolean {
  return Boolean(m.importedHash) && m.draft == null && moduleTextsHash(m) === m.importedHash;
}

/** Removes (or keeps and reports) the lessons and modules of `programme` missing from `parsed`. */
export async function removeMissing(programme: Types.ObjectId, parsed: ParsedProgramme): Promise<RemovalOutcome> {
  const outcome: RemovalOutcome = { removed: [], kept: [] };
  const inFiles = parsed.modules.flatMap((m) => m.lessons.map((l) => l.slug));
  const modules: StoredModule[] = await CourseModule.find({ programme }).sort({ order: 1 }).lean();
  const moduleSlug = new Map(modules.map((m) => [String(m._id), m.slug]));
  const missing = await Lesson.find({ programme, slug: { $nin: inFiles } }, { slug: 1, module: 1, draftHash: 1, publishedHash: 1, importedHash: 1 })
    .sort({ order: 1 })
    .lean();
  for (const lesson of missing) {
    const label = `${moduleSlug.get(String(lesson.module)) ?? '?'}/${lesson.slug}`;
    if (lessonUntouched(lesson)) {
      await deleteLesson(String(lesson._id));
      outcome.removed.push(`${parsed.slug}/${label}`);
    } else {
      outcome.kept.push(`${label} (${KEPT_CHANGED})`);
    }
  }
  const moduleSlugsInFiles = new Set(parsed.modules.map((m) => m.slug));
  await removeModules(
    modules.filter((m) => !moduleSlugsInFiles.has(m.slug)),
    parsed.slug,
    outcome,
  );
  return outcome;
}

/**
 * Deletes the untouched missing modules. deleteModule refuses a module that still holds lessons or
 * that another module requires; modules gone together may require each other, so it retries
 * until a round removes nothing, then reports what is left.
 */
async function removeModules(gone: StoredModule[], programmeSlug: string, outcome: RemovalOutcome): Promise<void> {
  let pending = gone.filter((m) => {
    if (moduleUntouched(m)) return true;
    outcome.kept.push(`${m.slug} (module ${KEPT_CHANGED})`);
    return false;
  });
  const refusals = new Map<string, string>();
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    const next: StoredModule[] = [];
    for (const m of pending) {
      try {
        await deleteModule(String(m._id));
        outcome.removed.push(`${programmeSlug}/${m.slug}`);
        progress = true;
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        refusals.set(m.slug, err.message);
        next.push(m);
      }
    }
    pending = next;
  }
  for (const m of pending) outcome.kept.push(`${m.slug} (module not removed: ${refusals.get(m.slug) ?? 'deleting it was refused'})`);
}
