/**
 * Rubric totals, computed on the server from the levels the mentor picked. Points always come
 * from the rubric itself; whatever total a form might carry is never read.
 */
import { BadRequestError } from '../../lib/errors.js';
import type { Rubric } from '../curriculum/content.schemas.js';

export interface CriterionPick {
  /** Index into the criterion's levels, or null when not chosen yet. */
  level: number | null;
  comment: string;
}

export interface ScoredCriterion {
  criterionId: string;
  title: string;
  level: number | null;
  levelTitle: string | null;
  points: number;
  maxPoints: number;
  comment: string;
}

export interface RubricScore {
  criteria: ScoredCriterion[];
  total: number;
  maxTotal: number;
  /** Every criterion has a level. */
  complete: boolean;
}

/** Scores `picks` (keyed by criterion id; unknown ids ignored) against `rubric`. */
export function scoreRubric(
  rubric: Rubric,
  picks: Record<string, CriterionPick | undefined>,
): RubricScore {
  const criteria = rubric.criteria.map((c): ScoredCriterion => {
    const pick = picks[c.id];
    const maxPoints = Math.max(...c.levels.map((l) => l.points));
    const level = pick?.level ?? null;
    if (level !== null && (!Number.isInteger(level) || level < 0 || level >= c.levels.length)) {
      throw new BadRequestError(`Choose one of the levels for "${c.title}".`, {
        code: 'bad_level',
      });
    }
    const chosen = level === null ? null : c.levels[level];
    return {
      criterionId: c.id,
      title: c.title,
      level,
      levelTitle: chosen?.title ?? null,
      points: chosen?.points ?? 0,
      maxPoints,
      comment: (pick?.comment ?? '').trim(),
    };
  });
  return {
    criteria,
    total: criteria.reduce((sum, c) => sum + c.points, 0),
    maxTotal: criteria.reduce((sum, c) => sum + c.maxPoints, 0),
    complete: criteria.every((c) => c.level !== null),
  };
}
