/**
 * What the lesson page shows of a quiz: the questions without answers, the attempts left and, once
 * the learner has submitted, their latest attempt with per-question feedback.
 */
import { renderInlineMarkdown } from '../content/markdown.js';
import type { Quiz } from './course.types.js';
import { attemptsLeft, describeAnswer, toPublicQuiz, type PublicQuiz } from './quiz-grading.js';

/** A stored attempt, as kept on the progress record. */
export interface StoredAttempt {
  quizId: string;
  submittedAt: Date;
  score: number;
  passed: boolean;
  answers: Record<string, string[]>;
  results: { questionId?: string | null; correct?: boolean | null }[];
}

export interface AttemptFeedback {
  number: number;
  score: number;
  passed: boolean;
  submittedAt: Date;
  questions: { id: string; promptHtml: string; given: string; correct: boolean; feedbackHtml: string }[];
}

export interface QuizState {
  quiz: PublicQuiz & { questions: (PublicQuiz['questions'][number] & { promptHtml: string })[] };
  attemptsUsed: number;
  attemptsLeft: number | 'unlimited';
  passed: boolean;
  canAttempt: boolean;
  lastAttempt: AttemptFeedback | null;
}

/** Builds the quiz part of a lesson page from the quiz and the learner's stored attempts. */
export function buildQuizState(quiz: Quiz, attempts: StoredAttempt[], passed: boolean): QuizState {
  const pub = toPublicQuiz(quiz);
  const left = attemptsLeft(quiz, attempts.length);
  const last = attempts.at(-1);
  const lastAttempt: AttemptFeedback | null = last
    ? {
        number: attempts.length,
        score: last.score,
        passed: last.passed,
        submittedAt: last.submittedAt,
        questions: quiz.questions.map((q) => ({
          id: q.id,
          promptHtml: renderInlineMarkdown(q.prompt),
          given: describeAnswer(quiz, q.id, last.answers[q.id] ?? []),
          correct: last.results.some((r) => r.questionId === q.id && r.correct === true),
          feedbackHtml: q.feedback ? renderInlineMarkdown(q.feedback) : '',
        })),
      }
    : null;
  return {
    quiz: { ...pub, questions: pub.questions.map((q) => ({ ...q, promptHtml: renderInlineMarkdown(q.prompt) })) },
    attemptsUsed: attempts.length,
    attemptsLeft: left,
    passed,
    canAttempt: !passed && left !== 0,
    lastAttempt,
  };
}
