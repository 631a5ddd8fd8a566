/**
 * Quiz grading as pure functions. The quiz with its answers stays on the server: pages get
 * `toPublicQuiz`, submissions are graded by `gradeQuiz`.
 */
import type { Quiz, QuizKind } from './course.types.js';

/** What a learner submitted: question id -> chosen option indexes, "true"/"false" or free text. */
export type QuizAnswers = Record<string, string[]>;

export interface PublicQuizQuestion {
  id: string;
  kind: QuizKind;
  prompt: string;
  options: { value: string; text: string }[];
}

export interface PublicQuiz {
  id: string;
  title: string;
  passMark: number;
  attempts: number;
  questions: PublicQuizQuestion[];
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
}

export interface QuizGrade {
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
  results: QuestionResult[];
}

/** The quiz as a page may show it before submission: no correct flags, no accepted answers. */
export function toPublicQuiz(quiz: Quiz): PublicQuiz {
  return {
    id: quiz.id,
    title: quiz.title,
    passMark: quiz.passMark,
    attempts: quiz.attempts,
    questions: quiz.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options:
        q.kind === 'truefalse'
          ? [
              { value: 'true', text: 'True' },
              { value: 'false', text: 'False' },
            ]
          : (q.options ?? []).map((o, i) => ({ value: String(i), text: o.text })),
    })),
  };
}

/** Folds case and spacing (and Unicode composition) so "Third  Place" matches "third place". */
export function normaliseShortAnswer(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

function correctOptionIndexes(options: { correct?: boolean }[] | undefined): string[] {
  return (options ?? []).flatMap((o, i) => (o.correct ? [String(i)] : []));
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}

function isCorrect(question: Quiz['questions'][number], given: string[]): boolean {
  switch (question.kind) {
    case 'single':
      return given.length === 1 && sameSet(given, correctOptionIndexes(question.options));
    case 'multiple':
      // All or nothing: every right option chosen and no wrong one.
      return sameSet(given, correctOptionIndexes(question.options));
    case 'truefalse':
      return given.length === 1 && given[0] === String(question.answer === true);
    case 'short': {
      const typed = normaliseShortAnswer(given[0] ?? '');
      return typed !== '' && (question.accepted ?? []).some((a) => normaliseShortAnswer(a) === typed);
    }
  }
}

/** Grades a submission; unanswered questions count as wrong. Score is a whole percent. */
export function gradeQuiz(quiz: Quiz, answers: QuizAnswers): QuizGrade {
  const results = quiz.questions.map((q) => ({
    questionId: q.id,
    correct: isCorrect(q, answers[q.id] ?? []),
  }));
  const correctCount = results.filter((r) => r.correct).length;
  const total = quiz.questions.length;
  const score = total === 0 ? 100 : Math.round((correctCount / total) * 100);
  return { score, correctCount, total, passed: score >= quiz.passMark, results };
}

/** Turns the submitted form body (fields `q_<id>`) into answers, keeping only known questions. */
export function answersFromForm(quiz: Quiz, body: Record<string, unknown>): QuizAnswers {
  const answers: QuizAnswers = {};
  for (const q of quiz.questions) {
    const raw = body[`q_${q.id}`];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.slice(0, 500));
    answers[q.id] = q.kind === 'short' ? values.slice(0, 1) : [...new Set(values)];
  }
  return answers;
}

/** Human-readable text of what the learner chose, for feedback and the journal of attempts. */
export function describeAnswer(quiz: Quiz, questionId: string, given: string[]): string {
  const q = quiz.questions.find((x) => x.id === questionId);
  if (!q || given.length === 0) return 'No answer';
  if (q.kind === 'short') return given[0] ?? '';
  if (q.kind === 'truefalse') return given[0] === 'true' ? 'True' : 'False';
  return given.map((i) => q.options?.[Number(i)]?.text ?? '?').join('; ');
}

/** Whether a learner may still submit, given attempts used and whether they already passed. */
export function attemptsLeft(quiz: Pick<Quiz, 'attempts'>, used: number): number | 'unlimited' {
  if (quiz.attempts === 0) return 'unlimited';
  return Math.max(0, quiz.attempts - used);
}
