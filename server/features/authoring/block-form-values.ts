/** A block -> the flat form values its edit form shows (the inverse of block-forms.ts). */
import type { Block, BlockType } from '../curriculum/content.schemas.js';
import { LEVEL_ROWS, OPTION_ROWS } from './block-forms.js';

export type FormValues = Record<string, string | boolean | number>;

/** Values for a block's edit form. */
export function blockToFormValues(block: Block): FormValues {
  const v: FormValues = { id: block.id };
  switch (block.type) {
    case 'text':
      v.markdown = block.markdown;
      break;
    case 'video':
      v.url = block.url;
      v.title = block.title;
      break;
    case 'reflection':
      v.prompt = block.prompt;
      break;
    case 'resource':
      v.title = block.title;
      break;
    case 'quiz': {
      const q = block.quiz;
      Object.assign(v, {
        title: q.title,
        passMark: q.passMark,
        attempts: q.attempts,
        questionCount: q.questions.length,
      });
      q.questions.forEach((question, i) => {
        Object.assign(v, {
          [`q${i}_id`]: question.id,
          [`q${i}_kind`]: question.kind,
          [`q${i}_prompt`]: question.prompt,
          [`q${i}_feedback`]: question.feedback,
        });
        if (question.answer !== undefined) v[`q${i}_answer`] = String(question.answer);
        v[`q${i}_accepted`] = question.accepted.join('\n');
        question.options.slice(0, OPTION_ROWS).forEach((o, j) => {
          v[`q${i}_o${j}_text`] = o.text;
          v[`q${i}_o${j}_correct`] = o.correct;
        });
      });
      break;
    }
    case 'assignment': {
      const a = block.assignment;
      Object.assign(v, {
        title: a.title,
        instructions: a.instructions,
        deliverables: a.deliverables.join('\n'),
        allowFiles: a.allowFiles,
        dueDays: a.dueDays,
        final: a.final,
        criterionCount: a.rubric.criteria.length,
      });
      a.rubric.criteria.forEach((c, i) => {
        Object.assign(v, {
          [`c${i}_id`]: c.id,
          [`c${i}_title`]: c.title,
          [`c${i}_description`]: c.description,
        });
        c.levels.slice(0, LEVEL_ROWS).forEach((l, j) => {
          Object.assign(v, {
            [`c${i}_l${j}_title`]: l.title,
            [`c${i}_l${j}_points`]: l.points,
            [`c${i}_l${j}_description`]: l.description,
          });
        });
      });
      break;
    }
  }
  return v;
}

/** Starting values for a new block of `type`. */
export function newBlockFormValues(type: BlockType): FormValues {
  if (type === 'quiz')
    return { passMark: 70, attempts: 3, questionCount: 1, q0_id: 'q1', q0_kind: 'single' };
  if (type === 'assignment')
    return {
      allowFiles: true,
      dueDays: 30,
      criterionCount: 1,
      c0_l0_title: 'Excellent',
      c0_l0_points: 4,
      c0_l1_title: 'Good',
      c0_l1_points: 3,
      c0_l2_title: 'Developing',
      c0_l2_points: 1,
    };
  return {};
}

export const BLOCK_LABELS: Record<BlockType, string> = {
  text: 'Text (Markdown)',
  video: 'Video link',
  resource: 'Downloadable resource',
  reflection: 'Reflection prompt',
  quiz: 'Quiz',
  assignment: 'Assignment with rubric',
};
