/** Shapes returned by the curriculum read service (curriculum.service.ts). */
import type { Assignment, Quiz } from './content.schemas.js';
import type { RenderedLesson } from './lesson-render.js';

export interface LessonSummary {
  id: string;
  slug: string;
  order: number;
  title: string;
  minutes: number | null;
  /** Published revision number: changes whenever learners' content changes. */
  revision: number;
  quizIds: string[];
  assignmentIds: string[];
  reflections: { id: string; prompt: string }[];
}

export interface ModuleSummary {
  id: string;
  slug: string;
  order: number;
  title: string;
  outcomes: string[];
  effortHours: number;
  prerequisites: string[];
  lessons: LessonSummary[];
}

export interface ModuleView extends ModuleSummary {
  intro: string;
  introHtml: string;
}

export interface ProgrammeView {
  id: string;
  slug: string;
  title: string;
  summary: string;
  descriptionHtml: string;
  modules: ModuleSummary[];
}

export interface LessonView extends RenderedLesson {
  id: string;
  slug: string;
  title: string;
  minutes: number | null;
  revision: number;
  publishedAt: Date | null;
  module: { id: string; slug: string; title: string; order: number };
  /** 1-based position in the module and the module's published lesson count. */
  position: { index: number; total: number };
  previous: { slug: string; title: string } | null;
  next: { slug: string; title: string } | null;
}

export interface Located {
  lessonId: string;
  lessonSlug: string;
  lessonTitle: string;
  moduleSlug: string;
  moduleTitle: string;
  moduleOrder: number;
}

export type QuizRecord = Located & { quiz: Quiz };
export type AssignmentRecord = Located & { assignment: Assignment };
