/**
 * The mentor's queue: their mentees' final versions waiting for a decision (oldest first), and
 * the decided ones waiting to be released.
 */
import { menteesOf } from '../cohorts/cohorts.service.js';
import { listAssignments } from '../curriculum/curriculum.service.js';
import { submittedVersionsOf } from '../submissions/submissions.service.js';
import { getUsers } from '../users/users.service.js';
import { gradesOf } from './grading.service.js';

export interface QueueItem {
  submissionId: string;
  innovatorId: string;
  innovatorName: string;
  assignmentId: string;
  assignmentTitle: string;
  version: number;
  submittedAt: Date;
  dueAt: Date | null;
  lateMs: number;
  /** 'new' (not opened for grading), 'draft' (grading in progress), 'accept'/'return' (decided). */
  grading: 'new' | 'draft' | 'accept' | 'return';
  total: number | null;
  maxTotal: number | null;
}

export interface GradingQueue {
  waiting: QueueItem[];
  toRelease: QueueItem[];
  counts: { waiting: number; late: number; inProgress: number; toRelease: number };
}

/** The queue of `mentorId` (see the module comment). */
export async function gradingQueue(mentorId: string): Promise<GradingQueue> {
  const mentees = await menteesOf(mentorId);
  const submissions = await submittedVersionsOf(mentees);
  const [grades, people, assignments] = await Promise.all([
    gradesOf(submissions.map((s) => s.id)),
    getUsers(mentees),
    listAssignments(),
  ]);
  const items = submissions.map((s): QueueItem => {
    const grade = grades.find((g) => g.submissionId === s.id);
    return {
      submissionId: s.id,
      innovatorId: s.innovatorId,
      innovatorName: people.find((p) => p.id === s.innovatorId)?.name ?? 'Unknown person',
      assignmentId: s.assignmentId,
      assignmentTitle:
        assignments.find((a) => a.assignment.id === s.assignmentId)?.assignment.title ??
        s.assignmentId,
      version: s.version,
      submittedAt: s.submittedAt ?? s.updatedAt,
      dueAt: s.dueAt,
      lateMs: s.lateMs,
      grading: grade ? (grade.decision ?? 'draft') : 'new',
      total: grade ? grade.total : null,
      maxTotal: grade ? grade.maxTotal : null,
    };
  });
  const waiting = items.filter((i) => i.grading === 'new' || i.grading === 'draft');
  const toRelease = items.filter((i) => i.grading === 'accept' || i.grading === 'return');
  return {
    waiting,
    toRelease,
    counts: {
      waiting: waiting.length,
      late: waiting.filter((i) => i.lateMs > 0).length,
      inProgress: waiting.filter((i) => i.grading === 'draft').length,
      toRelease: toRelease.length,
    },
  };
}
