/**
 * The gradebook: innovators x assignments with each cell's status and score. Who appears depends
 * on the viewer: admins everyone (filterable), mentors their mentees, ambassadors the innovators
 * of their countries (read-only). Scores of unreleased decisions are shown, marked as such.
 */
import { cohortOf, listInnovators, menteesOf, mentorOf } from '../cohorts/cohorts.service.js';
import { listAssignments } from '../curriculum/curriculum.service.js';
import { gradesOf } from '../grading/grading.service.js';
import { latestVersionsOf } from '../submissions/submissions.service.js';
import { workStatus, type GradebookStatus } from '../submissions/submission.view.js';
import type { Viewer } from '../submissions/submission-access.js';
import { getUsers, type PublicUser } from '../users/users.service.js';
import { toCsv } from './csv.js';

export interface GradebookFilter {
  cohortId?: string;
  country?: string;
  mentorId?: string;
}

export interface GradebookCell {
  status: GradebookStatus;
  score: number | null;
  maxScore: number | null;
  released: boolean;
  lateMs: number;
  version: number | null;
}

export interface GradebookRow {
  innovator: { id: string; name: string; email: string; country: string };
  cohort: string;
  mentor: string;
  cells: GradebookCell[];
}

export interface Gradebook {
  assignments: { id: string; title: string }[];
  rows: GradebookRow[];
}

/** The innovators `viewer` may see in the gradebook, filtered. */
async function scope(viewer: Viewer, filter: GradebookFilter): Promise<PublicUser[]> {
  const countries = filter.country ? [filter.country] : undefined;
  const listed = await listInnovators({
    cohortId: filter.cohortId,
    countries,
    mentorId: filter.mentorId,
  });
  if (viewer.roles.includes('admin')) return listed;
  const allowed = new Set<string>();
  if (viewer.roles.includes('mentor')) for (const id of await menteesOf(viewer.id)) allowed.add(id);
  const followed = viewer.roles.includes('ambassador') ? viewer.countries : [];
  return listed.filter((p) => allowed.has(p.id) || followed.includes(p.country));
}

/** The gradebook `viewer` may see (see the module comment). */
export async function buildGradebook(
  viewer: Viewer,
  filter: GradebookFilter = {},
): Promise<Gradebook> {
  const [people, records] = await Promise.all([scope(viewer, filter), listAssignments()]);
  const latest = await latestVersionsOf(people.map((p) => p.id));
  const grades = await gradesOf(latest.map((s) => s.id));
  const [cohorts, mentorIds] = await Promise.all([
    Promise.all(people.map((p) => cohortOf(p.id))),
    Promise.all(people.map((p) => mentorOf(p.id))),
  ]);
  const mentors = await getUsers(mentorIds.filter((id): id is string => Boolean(id)));
  const rows = people.map((p, i): GradebookRow => ({
    innovator: { id: p.id, name: p.name, email: p.email, country: p.country },
    cohort: cohorts[i]?.name ?? '',
    mentor: mentors.find((m) => m.id === mentorIds[i])?.name ?? '',
    cells: records.map((r) => {
      const s =
        latest.find((x) => x.innovatorId === p.id && x.assignmentId === r.assignment.id) ?? null;
      const g = s ? grades.find((x) => x.submissionId === s.id && x.decision !== null) : undefined;
      return {
        status: workStatus(s),
        score: g && g.decision === 'accept' ? g.total : null,
        maxScore: g && g.decision === 'accept' ? g.maxTotal : null,
        released: Boolean(g?.releasedAt),
        lateMs: s?.lateMs ?? 0,
        version: s?.version ?? null,
      };
    }),
  }));
  return {
    assignments: records.map((r) => ({ id: r.assignment.id, title: r.assignment.title })),
    rows,
  };
}

/** The gradebook as CSV (UTF-8 with BOM): one row per innovator, status and score per assignment. */
export function gradebookCsv(book: Gradebook): string {
  const header = ['Innovator', 'Email', 'Country', 'Cohort', 'Mentor'];
  for (const a of book.assignments) header.push(`${a.title} - status`, `${a.title} - score`);
  const rows = book.rows.map((r) => {
    const cells: Array<string | number | null> = [
      r.innovator.name,
      r.innovator.email,
      r.innovator.country,
      r.cohort,
      r.mentor,
    ];
    for (const c of r.cells) {
      cells.push(
        c.status,
        c.score === null ? '' : `${c.score}/${c.maxScore}${c.released ? '' : ' (not released)'}`,
      );
    }
    return cells;
  });
  return toCsv([header, ...rows]);
}
