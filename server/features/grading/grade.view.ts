/** The plain shape of a grade outside the grading feature. */
import type { Decision, GradeCriterion, GradeDoc } from './grade.model.js';

export interface GradeRecord {
  id: string;
  submissionId: string;
  innovatorId: string;
  assignmentId: string;
  version: number;
  mentorId: string;
  criteria: GradeCriterion[];
  total: number;
  maxTotal: number;
  feedback: string;
  decision: Decision | null;
  decidedAt: Date | null;
  releasedAt: Date | null;
  updatedAt: Date;
}

export function toGradeRecord(g: GradeDoc): GradeRecord {
  return {
    id: String(g._id),
    submissionId: String(g.submission),
    innovatorId: String(g.innovator),
    assignmentId: g.assignmentId,
    version: g.version,
    mentorId: String(g.mentor),
    criteria: (g.criteria ?? []).map((c) => ({ ...c })),
    total: g.total,
    maxTotal: g.maxTotal,
    feedback: g.feedback ?? '',
    decision: g.decision ?? null,
    decidedAt: g.decidedAt ?? null,
    releasedAt: g.releasedAt ?? null,
    updatedAt: g.updatedAt,
  };
}
