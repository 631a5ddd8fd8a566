/** The assignments, submissions, grading and gradebook routes in the role matrix (issue 7). */
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import type { Config } from '../../../server/config/env.js';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import { pdfBytes, PROGRAMME, seedAssignments } from '../../helpers/factories/assignments.js';
import {
  only,
  signedIn,
  type Actor,
  type Expectation,
  type RouteCase,
  type World,
} from './matrix.js';

const SNAPSHOT = PROGRAMME.snapshot.id;

interface Fixtures {
  /** Innovator A's submitted answer (mentor A's to grade). */
  subA: string;
  /** Innovator B's submitted answer (mentor B's: nobody in the matrix may grade it). */
  subB: string;
  /** The stored name of the PDF attached to each answer. */
  fileA: string;
  fileB: string;
}
const fx = (w: World) => w.extra.assignments as Fixtures;

/** Only mentors get past the role guard; for mentor A the object check answers `mentor`. */
const mentorOnly = (mentor: Expectation): Record<Actor, Expectation> => ({
  ...only('mentor'),
  mentor,
});

/** A PDF stored under the app's uploads directory, as an answer's attachment. */
function storedPdf(config: Config) {
  const bytes = pdfBytes();
  const storedName = `${randomUUID()}.pdf`;
  writeFileSync(path.join(config.uploadsDir, storedName), bytes);
  return {
    storedName,
    originalName: 'answer.pdf',
    mime: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export async function setup(world: World, config: Config): Promise<void> {
  await seedAssignments(config);
  const submitted = (innovatorId: string) =>
    Submission.create({
      innovator: new Types.ObjectId(innovatorId),
      assignmentId: SNAPSHOT,
      version: 1,
      status: 'submitted',
      text: 'An answer',
      files: [storedPdf(config)],
      submittedAt: new Date(),
    });
  const [a, b] = [await submitted(world.users.innovator.id), await submitted(world.innovatorB.id)];
  world.extra.assignments = {
    subA: String(a._id),
    subB: String(b._id),
    fileA: a.files[0].storedName,
    fileB: b.files[0].storedName,
  } satisfies Fixtures;
}

export const routes: RouteCase[] = [
  // The innovator's own assignments.
  { method: 'GET', path: '/assignments', expect: only('innovator') },
  {
    method: 'GET',
    path: `/assignments/${SNAPSHOT}`,
    expect: only('innovator'),
  },
  {
    method: 'GET',
    path: '/assignments/no-such-assignment',
    expect: { ...only('innovator'), innovator: 404 },
  },
  {
    method: 'POST',
    path: `/assignments/${SNAPSHOT}/answer`,
    expect: only('innovator'),
    note: 'already submitted: 409',
  },

  // Attached files: the innovator, their mentor and admins; anyone else "not found".
  {
    method: 'GET',
    path: (w) => `/submissions/${fx(w).subA}/files/${fx(w).fileA}`,
    expect: {
      anonymous: 'login',
      innovator: 'ok',
      mentor: 'ok',
      ambassador: 404,
      author: 404,
      admin: 'ok',
    },
    note: "innovator A's file",
  },
  {
    method: 'GET',
    path: (w) => `/submissions/${fx(w).subB}/files/${fx(w).fileB}`,
    expect: { ...signedIn(404), admin: 'ok' },
    note: "innovator B's file: not for innovator A or mentor A",
  },
  {
    method: 'GET',
    path: (w) => `/submissions/${fx(w).subA}/files/${fx(w).fileB}`,
    expect: signedIn(404),
    note: "B's file through A's answer",
  },

  // Grading: mentors only; someone else's mentee is "not found".
  { method: 'GET', path: '/grading', expect: only('mentor') },
  {
    method: 'GET',
    path: (w) => `/grading/${fx(w).subA}`,
    expect: mentorOnly('ok'),
  },
  {
    method: 'GET',
    path: (w) => `/grading/${fx(w).subB}`,
    expect: mentorOnly(404),
  },
  {
    method: 'POST',
    path: (w) => `/grading/${fx(w).subA}`,
    expect: mentorOnly('ok'),
    note: 'saves a draft',
  },
  {
    method: 'POST',
    path: (w) => `/grading/${fx(w).subB}`,
    expect: mentorOnly(404),
  },
  {
    method: 'POST',
    path: (w) => `/grading/${fx(w).subA}/release`,
    expect: mentorOnly('ok'),
    note: 'nothing decided: 409',
  },
  {
    method: 'POST',
    path: (w) => `/grading/${fx(w).subB}/release`,
    expect: mentorOnly(404),
  },
  { method: 'POST', path: '/grading/release-all', expect: only('mentor') },

  // Gradebook: mentors, ambassadors (read-only) and admins.
  {
    method: 'GET',
    path: '/gradebook',
    expect: only('mentor', 'ambassador', 'admin'),
  },
  {
    method: 'GET',
    path: '/gradebook.csv',
    expect: only('mentor', 'ambassador', 'admin'),
  },

  // Due dates and extensions: admins.
  { method: 'GET', path: '/admin/assignments', expect: only('admin') },
  {
    method: 'POST',
    path: '/admin/assignments/due-dates',
    expect: only('admin'),
    note: 'empty form: 400',
  },
  {
    method: 'POST',
    path: '/admin/assignments/extensions',
    expect: only('admin'),
    note: 'empty form: 400',
  },
];
