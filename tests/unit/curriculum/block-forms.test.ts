import { blockToFormValues } from '../../../server/features/authoring/block-form-values.js';
import { parseBlockForm } from '../../../server/features/authoring/block-forms.js';
import type { Block } from '../../../server/features/curriculum/content.schemas.js';

const quizBlock: Block = {
  id: 'check-quiz',
  type: 'quiz',
  quiz: {
    id: 'check-quiz',
    title: 'Check',
    passMark: 70,
    attempts: 3,
    questions: [
      { id: 'q1', kind: 'multiple', prompt: 'Pick two', options: [{ text: 'A', correct: true }, { text: 'B', correct: false }, { text: 'C', correct: true }], accepted: [], feedback: 'A and C.' },
      { id: 'q2', kind: 'truefalse', prompt: 'True?', options: [], answer: false, accepted: [], feedback: '' },
      { id: 'q3', kind: 'short', prompt: 'Word?', options: [], accepted: ['persona', 'personas'], feedback: '' },
    ],
  },
};

const assignmentBlock: Block = {
  id: 'plan',
  type: 'assignment',
  assignment: {
    id: 'plan',
    title: 'Plan',
    instructions: 'Write **it**.',
    deliverables: ['A plan'],
    allowFiles: false,
    dueDays: 30,
    final: true,
    rubric: { criteria: [{ id: 'clarity', title: 'Clarity', description: '', levels: [{ title: 'Good', points: 3, description: 'Clear' }, { title: 'Weak', points: 1, description: '' }] }] },
  },
};

/** What a browser would post back for the values (unchecked boxes are simply absent). */
function asPosted(values: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v === false ? [] : [[k, v === true ? '1' : String(v)]])));
}

describe('block forms', () => {
  it.each([quizBlock, assignmentBlock])('turns $type blocks into form values and back unchanged', (block) => {
    expect(parseBlockForm(block.type, asPosted(blockToFormValues(block)), block.id)).toEqual({ block, fieldErrors: {} });
  });

  it('puts errors on the row the author typed in, even after removed rows', () => {
    const posted = {
      ...asPosted(blockToFormValues(quizBlock)),
      q0_remove: '1',
      q1_answer: '',
      q2_accepted: '',
      q2_o1_text: '',
    };
    const parsed = parseBlockForm('quiz', posted, 'check-quiz');
    expect(parsed.block).toBeNull();
    expect(parsed.fieldErrors).toEqual({
      q1_answer: 'A true/false question needs `answer: true` or `answer: false`',
      q2_accepted: 'A short-answer question needs at least one accepted answer',
    });
  });

  it('names the level field of a rubric error and requires numbers', () => {
    const posted = { ...asPosted(blockToFormValues(assignmentBlock)), c0_l1_points: '', c0_l1_title: 'Weak', dueDays: 'soon' };
    const parsed = parseBlockForm('assignment', posted, 'plan');
    expect(parsed.fieldErrors).toEqual({ dueDays: expect.any(String), c0_l1_points: 'This field is required.' });
  });

  it('keeps the given id for text blocks and validates video URLs', () => {
    expect(parseBlockForm('text', { markdown: '  Hello  ' }, 'text-3').block).toEqual({ id: 'text-3', type: 'text', markdown: 'Hello' });
    expect(parseBlockForm('video', { url: 'javascript:alert(1)', title: 'x' }, 'video-1').fieldErrors).toEqual({ url: 'Must be a YouTube or Vimeo video URL' });
  });
});
