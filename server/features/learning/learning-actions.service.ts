/**
 * What a learner does on a lesson page: mark it complete, submit its quiz, save a reflection.
 * Each checks the lesson exists and its module is unlocked, then makes one idempotent write.
 */
import { BadRequestError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { issueCertificateIfComplete } from '../certificates/certificates.service.js';
import { saveReflection } from '../journal/journal.service.js';
import { lockMessage, summariseProgress } from '../progress/progress-summary.js';
import { completeLesson, listProgress, recordQuizAttempt } from '../progress/progress.service.js';
import { getCourseOutline, getLessonContent } from './course-outline.service.js';
import type { LessonContentView, LessonRef, Quiz } from './course.types.js';
import { requireModule } from './lesson-page.service.js';
import { answersFromForm, gradeQuiz, type QuizGrade } from './quiz-grading.js';

interface ResolvedLesson {
  ref: LessonRef;
  content: LessonContentView;
}

/** The lesson, if it exists and the learner's module is unlocked. */
async function resolveOpenLesson(userId: string, moduleSlug: string, lessonSlug: string): Promise<ResolvedLesson> {
  const outline = await getCourseOutline();
  const mod = requireModule(outline, moduleSlug);
  const content = mod.lessons.some((l) => l.slug === lessonSlug) ? await getLessonContent(moduleSlug, lessonSlug) : null;
  if (!outline || !content) throw new NotFoundError('We could not find that lesson.');
  if (mod.prerequisites.length > 0) {
    const summary = summariseProgress(outline, await listProgress(userId, outline.programmeSlug));
    const missing = summary.modules.find((m) => m.slug === mod.slug)?.missing ?? [];
    if (missing.length > 0) throw new ForbiddenError(`${lockMessage(missing)}.`);
  }
  return { ref: { programme: outline.programmeSlug, module: mod.slug, lesson: lessonSlug }, content };
}

/**
 * Marks a lesson without a quiz complete (repeats are harmless) and issues the certificate when
 * this completes the programme. Returns whether this request was the one that completed it.
 */
export async function markLessonComplete(userId: string, moduleSlug: string, lessonSlug: string): Promise<boolean> {
  const { ref, content } = await resolveOpenLesson(userId, moduleSlug, lessonSlug);
  if (content.blocks.some((b) => b.type === 'quiz')) {
    throw new BadRequestError('This lesson is completed by passing its quiz.');
  }
  const completedNow = await completeLesson(userId, ref);
  if (completedNow) await issueCertificateIfComplete(userId);
  return completedNow;
}

export interface QuizOutcome extends QuizGrade {
  attemptNumber: number;
  /** The same form was submitted again (double click, retry): nothing new was stored. */
  duplicate: boolean;
}

/** Grades a quiz submission on the server, stores the attempt (within the limit) and completes on a pass. */
export async function submitQuiz(
  userId: string,
  moduleSlug: string,
  lessonSlug: string,
  body: Record<string, unknown>,
): Promise<QuizOutcome> {
  const { ref, content } = await resolveOpenLesson(userId, moduleSlug, lessonSlug);
  const block = content.blocks.find((b): b is { type: 'quiz'; id: string; quiz: Quiz } => b.type === 'quiz');
  if (!block) throw new NotFoundError('This lesson has no quiz.');
  const answers = answersFromForm(block.quiz, body);
  const grade = gradeQuiz(block.quiz, answers);
  const claimed = Number(body.attempt);
  const recorded = await recordQuizAttempt(userId, ref, {
    quizId: block.quiz.id,
    maxAttempts: block.quiz.attempts,
    score: grade.score,
    passed: grade.passed,
    answers,
    results: grade.results,
    attemptNumber: Number.isInteger(claimed) && claimed > 0 ? claimed : undefined,
  });
  if (grade.passed && !recorded.duplicate) await issueCertificateIfComplete(userId);
  return { ...grade, attemptNumber: recorded.number, duplicate: recorded.duplicate };
}

/** Saves the learner's answer to one reflection prompt of the lesson. */
export async function saveLessonReflection(
  userId: string,
  moduleSlug: string,
  lessonSlug: string,
  reflectionId: string,
  text: string,
): Promise<Date> {
  const { ref, content } = await resolveOpenLesson(userId, moduleSlug, lessonSlug);
  if (!content.blocks.some((b) => b.type === 'reflection' && b.id === reflectionId)) {
    throw new NotFoundError('This lesson has no such reflection prompt.');
  }
  return saveReflection(userId, ref, reflectionId, text);
}
