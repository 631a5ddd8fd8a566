/** Rubric totals come from the rubric's own points (issue 7, point 4). */
import { scoreRubric } from '../../../server/features/grading/rubric-scoring.js';
import type { Rubric } from '../../../server/features/curriculum/content.schemas.js';

const rubric: Rubric = {
  criteria: [
    {
      id: 'clarity',
      title: 'Clarity',
      description: '',
      levels: [
        { title: 'Clear', points: 4, description: '' },
        { title: 'Unclear', points: 1, description: '' },
      ],
    },
    {
      id: 'evidence',
      title: 'Evidence',
      description: '',
      levels: [
        { title: 'Strong', points: 6, description: '' },
        { title: 'Some', points: 3, description: '' },
        { title: 'None', points: 0, description: '' },
      ],
    },
  ],
};

describe('scoreRubric', () => {
  it('adds the points of the chosen levels and the maximum of each criterion', () => {
    const score = scoreRubric(rubric, {
      clarity: { level: 0, comment: ' Well put. ' },
      evidence: { level: 1, comment: '' },
    });
    expect(score.total).toBe(7);
    expect(score.maxTotal).toBe(10);
    expect(score.complete).toBe(true);
    expect(score.criteria[0]).toMatchObject({
      criterionId: 'clarity',
      levelTitle: 'Clear',
      points: 4,
      maxPoints: 4,
      comment: 'Well put.',
    });
  });

  it('counts an unchosen criterion as 0 and reports the rubric incomplete', () => {
    const score = scoreRubric(rubric, { evidence: { level: 0, comment: '' } });
    expect(score.total).toBe(6);
    expect(score.complete).toBe(false);
    expect(score.criteria[0]).toMatchObject({ level: null, points: 0 });
  });

  it('ignores criteria the rubric does not have (a tampered form cannot add points)', () => {
    const score = scoreRubric(rubric, {
      clarity: { level: 1, comment: '' },
      bonus: { level: 0, comment: '' },
    });
    expect(score.total).toBe(1);
    expect(score.criteria.map((c) => c.criterionId)).toEqual(['clarity', 'evidence']);
  });

  it('refuses a level that does not exist', () => {
    expect(() => scoreRubric(rubric, { clarity: { level: 5, comment: '' } })).toThrow(/Clarity/);
    expect(() => scoreRubric(rubric, { clarity: { level: -1, comment: '' } })).toThrow();
    expect(() => scoreRubric(rubric, { clarity: { level: 0.5, comment: '' } })).toThrow();
  });
});
