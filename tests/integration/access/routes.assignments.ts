/** The assignments, submissions, grading and gradebook routes in the role matrix (issue 7). */
import { Types } from "mongoose";
import { Submission } from "../../../server/features/submissions/submission.model.js";
import { testConfig } from "../../helpers/app.js";
import {
  PROGRAMME,
  seedAssignments,
} from "../../helpers/factories/assignments.js";
import {
  only,
  type Actor,
  type Expectation,
  type RouteCase,
  type World,
} from "./matrix.js";

const SNAPSHOT = PROGRAMME.snapshot.id;

interface Fixtures {
  /** Innovator A's submitted answer (mentor A's to grade). */
  subA: string;
  /** Innovator B's submitted answer (mentor B's: nobody in the matrix may grade it). */
  subB: string;
}
const fx = (w: World) => w.extra.assignments as Fixtures;

/** Only mentors get past the role guard; for mentor A the object check answers `mentor`. */
const mentorOnly = (mentor: Expectation): Record<Actor, Expectation> => ({
  ...only("mentor"),
  mentor,
});

export async function setup(world: World): Promise<void> {
  await seedAssignments(testConfig());
  const submitted = (innovatorId: string) =>
    Submission.create({
      innovator: new Types.ObjectId(innovatorId),
      assignmentId: SNAPSHOT,
      version: 1,
      status: "submitted",
      text: "An answer",
      submittedAt: new Date(),
    });
  const [a, b] = [
    await submitted(world.users.innovator.id),
    await submitted(world.innovatorB.id),
  ];
  world.extra.assignments = {
    subA: String(a._id),
    subB: String(b._id),
  } satisfies Fixtures;
}

export const routes: RouteCase[] = [
  // The innovator's own assignments.
  { method: "GET", path: "/assignments", expect: only("innovator") },
  {
    method: "GET",
    path: `/assignments/${SNAPSHOT}`,
    expect: only("innovator"),
  },
  {
    method: "GET",
    path: "/assignments/no-such-assignment",
    expect: { ...only("innovator"), innovator: 404 },
  },
  {
    method: "POST",
    path: `/assignments/${SNAPSHOT}/answer`,
    expect: only("innovator"),
    note: "already submitted: 409",
  },

  // Grading: mentors only; someone else's mentee is "not found".
  { method: "GET", path: "/grading", expect: only("mentor") },
  {
    method: "GET",
    path: (w) => `/grading/${fx(w).subA}`,
    expect: mentorOnly("ok"),
  },
  {
    method: "GET",
    path: (w) => `/grading/${fx(w).subB}`,
    expect: mentorOnly(404),
  },
  {
    method: "POST",
    path: (w) => `/grading/${fx(w).subA}`,
    expect: mentorOnly("ok"),
    note: "saves a draft",
  },
  {
    method: "POST",
    path: (w) => `/grading/${fx(w).subB}`,
    expect: mentorOnly(404),
  },
  {
    method: "POST",
    path: (w) => `/grading/${fx(w).subA}/release`,
    expect: mentorOnly("ok"),
    note: "nothing decided: 409",
  },
  {
    method: "POST",
    path: (w) => `/grading/${fx(w).subB}/release`,
    expect: mentorOnly(404),
  },
  { method: "POST", path: "/grading/release-all", expect: only("mentor") },

  // Gradebook: mentors, ambassadors (read-only) and admins.
  {
    method: "GET",
    path: "/gradebook",
    expect: only("mentor", "ambassador", "admin"),
  },
  {
    method: "GET",
    path: "/gradebook.csv",
    expect: only("mentor", "ambassador", "admin"),
  },

  // Due dates and extensions: admins.
  { method: "GET", path: "/admin/assignments", expect: only("admin") },
  {
    method: "POST",
    path: "/admin/assignments/due-dates",
    expect: only("admin"),
    note: "empty form: 400",
  },
  {
    method: "POST",
    path: "/admin/assignments/extensions",
    expect: only("admin"),
    note: "empty form: 400",
  },
];
