/**
 * The learner's side in the role matrix (issue 6), with the home page and the health check:
 * dashboard, programme, module and lesson pages, lesson actions, journal and its exports, progress,
 * certificates and the public verification page. Object-level: a draft lesson is not there for
 * anyone learning; one learner's journal, progress and certificate are "not found" (or absent)
 * for another learner; progress is for the learner, their mentor, their country's ambassador and
 * admins.
 */
import { Types } from 'mongoose';
import type { Config } from '../../../server/config/env.js';
import { Certificate } from '../../../server/features/certificates/certificate.model.js';
import { newVerificationCode } from '../../../server/features/certificates/verification-code.js';
import { saveLessonReflection } from '../../../server/features/learning/learning-actions.service.js';
import {
  DRAFT,
  DRAFT_TITLE,
  JOURNAL_REFLECTION,
  LESSON,
  matrixContent,
  MODULE,
  READING,
  REFLECTION,
} from './content.js';
import { everyone, signedIn, type RouteCase, type World } from './matrix.js';

/** What innovator A and innovator B wrote in their journals. */
const JOURNAL_A = 'Journal entry written by innovator A';
const JOURNAL_B = 'Journal entry written by innovator B';

/** Both learners' journal entries and innovator B's certificate. */
export async function setup(world: World, config: Config): Promise<void> {
  const { programmeSlug } = await matrixContent(world, config);
  const write = (userId: string, text: string) =>
    saveLessonReflection(userId, MODULE, LESSON, JOURNAL_REFLECTION, text);
  await write(world.users.innovator.id, JOURNAL_A);
  await write(world.innovatorB.id, JOURNAL_B);
  const code = newVerificationCode();
  await Certificate.create({
    user: new Types.ObjectId(world.innovatorB.id),
    programme: programmeSlug,
    code,
    name: world.innovatorB.name,
    programmeTitle: 'Matrix',
    completedAt: new Date(),
    issuedAt: new Date(),
  });
  world.extra.certificateCodeB = code;
}

const certificateCodeB = (w: World) => String(w.extra.certificateCodeB);

const lesson = `/learn/${MODULE}/${LESSON}`;
/** Innovator A's own journal: their entry, never innovator B's. */
const ownJournal = { innovator: { has: [JOURNAL_A], lacks: [JOURNAL_B] } };

export const routes: RouteCase[] = [
  // Entry points.
  { method: 'GET', path: '/', expect: everyone() },
  { method: 'GET', path: '/healthz', expect: everyone() },
  { method: 'GET', path: '/dashboard', expect: signedIn() },

  // Programme, module and lesson pages: published content only.
  { method: 'GET', path: '/learn', expect: signedIn() },
  {
    method: 'GET',
    path: `/learn/${MODULE}`,
    expect: signedIn(),
    sees: { innovator: { has: ['Matrix lesson'], lacks: [DRAFT_TITLE, 'Scratch lesson'] } },
    note: 'lists published lessons only',
  },
  { method: 'GET', path: '/learn/no-such-module', expect: signedIn(404) },
  { method: 'GET', path: lesson, expect: signedIn() },
  {
    method: 'GET',
    path: `/learn/${MODULE}/${DRAFT}`,
    expect: signedIn(404),
    note: 'never published: not there, even for its authors',
  },
  { method: 'POST', path: `/learn/${MODULE}/${READING}/complete`, expect: signedIn() },
  { method: 'POST', path: `/learn/${MODULE}/${DRAFT}/complete`, expect: signedIn(404) },
  { method: 'POST', path: `${lesson}/quiz`, expect: signedIn(), note: 'no answers: scored 0' },
  {
    method: 'POST',
    path: `${lesson}/reflections/${REFLECTION}`,
    body: { text: 'Posted by the matrix' },
    expect: signedIn(),
  },
  {
    method: 'POST',
    path: `/learn/${MODULE}/${READING}/reflections/${REFLECTION}`,
    body: { text: 'Wrong lesson' },
    expect: signedIn(404),
    note: "another lesson's reflection",
  },
  {
    method: 'POST',
    path: `/learn/${MODULE}/${READING}/quiz`,
    expect: signedIn(404),
    note: 'no quiz',
  },
  { method: 'POST', path: `/learn/${MODULE}/${DRAFT}/quiz`, expect: signedIn(404) },
  {
    method: 'POST',
    path: `${lesson}/reflections/no-such-reflection`,
    body: { text: 'Lost' },
    expect: signedIn(404),
  },

  // The journal: one's own reflections only (there is no address for anyone else's).
  { method: 'GET', path: '/journal', expect: signedIn(), sees: ownJournal },
  { method: 'GET', path: '/journal/export.md', expect: signedIn(), sees: ownJournal },
  { method: 'GET', path: '/journal/export.pdf', expect: signedIn() },

  // Progress of a learner.
  {
    method: 'GET',
    path: (w) => `/progress/${w.users.innovator.id}`,
    expect: { ...signedIn(), author: 404 },
    note: 'innovator A: self, mentor A, the ambassador of AL, admins',
    sees: { mentor: (w) => ({ has: [w.users.innovator.name] }) },
  },
  {
    method: 'GET',
    path: (w) => `/progress/${w.innovatorB.id}`,
    expect: { ...signedIn(404), admin: 'ok' },
    note: 'innovator B (RS, mentor B): admins only',
  },
  { method: 'GET', path: '/progress/not-an-id', expect: signedIn(404) },

  // Certificates: innovator B has one; nobody in the matrix can reach it but the public page.
  {
    method: 'GET',
    path: '/certificate',
    expect: signedIn(),
    sees: { innovator: (w) => ({ lacks: [certificateCodeB(w)] }) },
  },
  {
    method: 'GET',
    path: '/certificate/download',
    expect: signedIn(404),
    note: "no certificate of one's own",
  },
  { method: 'GET', path: '/verify', expect: everyone() },
  {
    method: 'GET',
    path: (w) => `/verify/${certificateCodeB(w)}`,
    expect: everyone(),
    note: 'public by design: name, programme, date',
    sees: { anonymous: (w) => ({ has: [w.innovatorB.name] }) },
  },
  { method: 'GET', path: '/verify/NOPE-NOPE-NOPE', expect: everyone(404) },
];
