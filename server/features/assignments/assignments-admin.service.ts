/** What the admin's due-dates page shows: one cohort's dates per assignment, and extensions. */
import { listCohorts, listInnovators, type CohortSummary } from '../cohorts/cohorts.service.js';
import { listAssignments } from '../curriculum/curriculum.service.js';
import { getUsers } from '../users/users.service.js';
import { cohortDueDates, curriculumDueDate, listExtensions } from './due-dates.service.js';

export interface DueDatesAdminView {
  cohorts: CohortSummary[];
  cohort: CohortSummary | null;
  rows: {
    id: string;
    title: string;
    dueDays: number;
    curriculumDueAt: Date;
    dueAt: Date;
    overridden: boolean;
  }[];
  innovators: { id: string; name: string }[];
  assignments: { id: string; title: string }[];
  extensions: {
    innovator: string;
    assignment: string;
    dueAt: Date;
    reason: string;
    grantedAt: Date;
  }[];
}

/** The page for `cohortId` (or the newest cohort). */
export async function dueDatesAdminView(cohortId?: string): Promise<DueDatesAdminView> {
  const [cohorts, records, extensions] = await Promise.all([
    listCohorts(),
    listAssignments(),
    listExtensions(),
  ]);
  const cohort = cohorts.find((c) => c.id === cohortId) ?? cohorts[0] ?? null;
  const assignments = records.map((r) => ({ id: r.assignment.id, title: r.assignment.title }));
  let rows: DueDatesAdminView['rows'] = [];
  let innovators: DueDatesAdminView['innovators'] = [];
  if (cohort) {
    const dates = await cohortDueDates(
      cohort,
      records.map((r) => ({ id: r.assignment.id, dueDays: r.assignment.dueDays })),
    );
    rows = records.map((r) => ({
      id: r.assignment.id,
      title: r.assignment.title,
      dueDays: r.assignment.dueDays,
      curriculumDueAt: curriculumDueDate(cohort.startDate, r.assignment.dueDays),
      ...dates.get(r.assignment.id)!,
    }));
    innovators = (await listInnovators({ cohortId: cohort.id })).map((p) => ({
      id: p.id,
      name: p.name,
    }));
  }
  const people = await getUsers([...new Set(extensions.map((e) => e.innovatorId))]);
  return {
    cohorts,
    cohort,
    rows,
    innovators,
    assignments,
    extensions: extensions.map((e) => ({
      innovator: people.find((p) => p.id === e.innovatorId)?.name ?? 'Unknown person',
      assignment: assignments.find((a) => a.id === e.assignmentId)?.title ?? e.assignmentId,
      dueAt: e.dueAt,
      reason: e.reason,
      grantedAt: e.grantedAt,
    })),
  };
}
