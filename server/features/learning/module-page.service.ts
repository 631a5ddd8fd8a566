/** The programme overview and module pages: content plus the learner's statuses and locks. */
import { NotFoundError } from '../../lib/errors.js';
import { lockMessage, summariseProgress, type LessonSummary, type ModuleSummary, type ProgrammeSummary } from '../progress/progress-summary.js';
import { listProgress } from '../progress/progress.service.js';
import { getCourseOutline, getModuleContent } from './course-outline.service.js';
import type { ModuleContentView } from './course.types.js';
import { requireModule } from './lesson-page.service.js';

export interface ProgrammeOverview {
  programmeTitle: string;
  summary: ProgrammeSummary;
}

export interface ModulePage {
  module: ModuleContentView;
  summary: ModuleSummary;
  moduleCount: number;
  lockMessage: string;
  /** The first unfinished lesson of the module (null when all are done or it is locked). */
  continueAt: LessonSummary | null;
}

/** The learner's progress through the whole published programme; null when nothing is published. */
export async function programmeOverview(userId: string): Promise<ProgrammeOverview | null> {
  const outline = await getCourseOutline();
  if (!outline) return null;
  const summary = summariseProgress(outline, await listProgress(userId, outline.programmeSlug));
  return { programmeTitle: outline.title, summary };
}

/** A module's overview for a learner: intro, outcomes, lessons with statuses, lock explanation. */
export async function openModule(userId: string, moduleSlug: string): Promise<ModulePage> {
  const outline = await getCourseOutline();
  requireModule(outline, moduleSlug);
  const [content, records] = await Promise.all([getModuleContent(moduleSlug), listProgress(userId, outline!.programmeSlug)]);
  if (!content) throw new NotFoundError('We could not find that module.');
  const summary = summariseProgress(outline!, records).modules.find((m) => m.slug === moduleSlug)!;
  return {
    module: content,
    summary,
    moduleCount: outline!.modules.length,
    lockMessage: summary.locked ? lockMessage(summary.missing) : '',
    continueAt: summary.locked ? null : (summary.lessons.find((l) => l.status !== 'completed') ?? null),
  };
}
