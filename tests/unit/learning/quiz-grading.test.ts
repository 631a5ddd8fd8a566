import type { Quiz } from '../../../server/features/learning/course.types.js';
import {
  answersFromForm,
  attemptsLeft,
  describeAnswer,
  gradeQuiz,
  toPublicQuiz,
} from '../../../server/features/learning/quiz-grading.js';

const quiz: Quiz = {
  id: 'mindset-quiz',
  title: 'Check your understanding',
  passMark: 70,
  attempts: 3,
  questions: [
    {
      id: 'q1',
      kind: 'single',
      prompt: 'Which one?',
      options: [{ text: 'Buying technology' }, { text: 'Meeting a need', correct: true }, { text: 'Copying' }],
      feedback: 'Innovation starts with a need.',
    },
    {
      id: 'q2',
      kind: 'multiple',
      prompt: 'Which habits?',
      options: [{ text: 'Curiosity', correct: true }, { text: 'Waiting' }, { text: 'Small action', correct: true }],
    },
    { id: 'q3', kind: 'truefalse', prompt: 'Failure is waste.', answer: false },
    { id: 'q4', kind: 'short', prompt: 'Oldenburg term?', accepted: ['third place', 'third places'] },
  ],
};

describe('quiz grading', () => {
  it('keeps the answers out of the public quiz', () => {
    const pub = toPublicQuiz(quiz);
    const text = JSON.stringify(pub);
    expect(text).not.toContain('correct');
    expect(text).not.toContain('third place');
    expect(text).not.toContain('"answer"');
    expect(pub.questions[2]!.options.map((o) => o.value)).toEqual(['true', 'false']);
    expect(pub.questions[0]!.options.map((o) => o.text)).toEqual(['Buying technology', 'Meeting a need', 'Copying']);
  });

  it('scores a fully right submission 100 and passes', () => {
    const grade = gradeQuiz(quiz, { q1: ['1'], q2: ['2', '0'], q3: ['false'], q4: ['  Third   PLACE '] });
    expect(grade).toMatchObject({ score: 100, correctCount: 4, total: 4, passed: true });
  });

  it('gives no credit for a partly right multiple choice or a missing answer', () => {
    const grade = gradeQuiz(quiz, { q1: ['1'], q2: ['0'], q3: ['false'] });
    expect(grade.results).toEqual([
      { questionId: 'q1', correct: true },
      { questionId: 'q2', correct: false },
      { questionId: 'q3', correct: true },
      { questionId: 'q4', correct: false },
    ]);
    expect(grade.score).toBe(50);
    expect(grade.passed).toBe(false);
  });

  it('refuses two options on a single-choice question and an extra wrong option on multiple', () => {
    const grade = gradeQuiz(quiz, { q1: ['1', '0'], q2: ['0', '1', '2'], q3: ['true'], q4: ['third'] });
    expect(grade.correctCount).toBe(0);
    expect(grade.score).toBe(0);
  });

  it('passes exactly at the pass mark', () => {
    const atMark = gradeQuiz({ ...quiz, passMark: 75 }, { q1: ['1'], q2: ['0', '2'], q3: ['false'], q4: ['nope'] });
    expect(atMark.score).toBe(75);
    expect(atMark.passed).toBe(true);
  });

  it('reads form fields, ignoring unknown questions and duplicate values', () => {
    const answers = answersFromForm(quiz, { q_q1: '1', q_q2: ['0', '0', '2'], q_q4: ['a', 'b'], q_zz: 'x', _csrf: 't' });
    expect(answers).toEqual({ q1: ['1'], q2: ['0', '2'], q3: [], q4: ['a'] });
  });

  it('describes what was chosen in words', () => {
    expect(describeAnswer(quiz, 'q2', ['0', '2'])).toBe('Curiosity; Small action');
    expect(describeAnswer(quiz, 'q3', ['false'])).toBe('False');
    expect(describeAnswer(quiz, 'q4', [])).toBe('No answer');
  });

  it('counts attempts left, with 0 meaning unlimited', () => {
    expect(attemptsLeft(quiz, 1)).toBe(2);
    expect(attemptsLeft(quiz, 5)).toBe(0);
    expect(attemptsLeft({ attempts: 0 }, 9)).toBe('unlimited');
  });
});
