/**
 * The learner's view of the published programme. The curriculum feature owns the real models;
 * `course-outline.service.ts` maps its read service onto these small shapes so progress,
 * dashboard and certificates never depend on how the curriculum stores content.
 */

export interface QuizOption {
  text: string;
  correct?: boolean;
}

export type QuizKind = 'single' | 'multiple' | 'truefalse' | 'short';

export interface QuizQuestion {
  id: string;
  kind: QuizKind;
  prompt: string;
  options?: QuizOption[];
  /** truefalse: the right answer. */
  answer?: boolean;
  /** short: accepted answers, compared case-insensitively. */
  accepted?: string[];
  feedback?: string;
}

/** A quiz with its answers: only ever handled on the server. */
export interface Quiz {
  id: string;
  title: string;
  passMark: number;
  /** Attempts allowed; 0 means unlimited. */
  attempts: number;
  questions: QuizQuestion[];
}

export interface OutlineLesson {
  slug: string;
  title: string;
  moduleSlug: string;
  minutes?: number;
  /** Id of the lesson's quiz block, when it has one: the lesson completes when it is passed. */
  quizId?: string;
  reflections: { id: string; prompt: string }[];
}

export interface OutlineModule {
  slug: string;
  title: string;
  effortHours?: number;
  prerequisites: string[];
  lessons: OutlineLesson[];
}

export interface CourseOutline {
  programmeSlug: string;
  title: string;
  modules: OutlineModule[];
}

/** Identifies one lesson for progress records. */
export interface LessonRef {
  programme: string;
  module: string;
  lesson: string;
}

/** A lesson block ready for the page: HTML already rendered and sanitised by the curriculum. */
export type LessonBlockView =
  | { type: 'html'; id: string; html: string }
  | { type: 'resource'; id: string; title: string; href: string; sizeBytes?: number }
  | { type: 'reflection'; id: string; promptHtml: string }
  | { type: 'quiz'; id: string; quiz: Quiz }
  | { type: 'assignment'; id: string; assignmentId: string; title: string; html: string };

export interface LessonContentView {
  title: string;
  minutes?: number;
  blocks: LessonBlockView[];
  /** Table of contents for long lessons (empty for short ones). */
  toc: { id: string; text: string; level: number }[];
}

export interface ModuleContentView {
  slug: string;
  title: string;
  introHtml: string;
  outcomes: string[];
  effortHours?: number;
}
