/**
 * Digests and nudges (issue 8, point 4): the weekly mentor digest's contents, one per week; the
 * nudge after 14 quiet days at most once per 14 days; the ambassador's weekly country summary.
 */
import { scheduleOneOff } from '../../../server/features/checkins/checkin-planning.service.js';
import {
  mentorDigest,
  runAmbassadorSummaries,
  runInactivityNudges,
  runMentorDigests,
} from '../../../server/features/digests/digests.service.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { Notification } from '../../../server/features/notifications/notification.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  PROGRAMME,
  seedAssignments,
  type Classroom,
} from '../../helpers/factories/assignments.js';
import { assignMentor, createUser, type TestUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import { Cohort } from '../../../server/features/cohorts/cohort.model.js';

const DAY = 86_400_000;
const { app, config } = buildTestApp();
let room: Classroom;
let quiet: TestUser;

beforeAll(async () => {
  await connectTestDatabase();
  useMailConfig(config);
});
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
  room = await createClassroom({ innovatorName: 'Ana Active' });
  quiet = await createUser({ roles: ['innovator'], name: 'Quiet Quentin', country: 'RS' });
  await Cohort.updateOne({ _id: room.cohortId }, { $addToSet: { members: quiet.id } });
  await assignMentor(room.cohortId, quiet.id, room.mentor.id);
  // Ana submits her snapshot: active now, and work waiting for the mentor.
  const agent = await loginAs(app, room.innovator);
  await agent.refreshToken(`/assignments/${PROGRAMME.snapshot.id}`);
  const res = await agent
    .postMultipart(`/assignments/${PROGRAMME.snapshot.id}/answer`)
    .field('text', 'Answer')
    .field('action', 'submit');
  expect(res.status).toBe(303);
});
afterAll(async () => {
  useMailConfig(undefined);
  await disconnect();
});

it('the mentor digest lists work waiting, quiet mentees and upcoming check-ins, once a week', async () => {
  await scheduleOneOff(room.mentor.id, room.innovator.id, {
    startsAt: new Date(Date.now() + 3 * DAY),
    timeZone: 'Europe/Belgrade',
    durationMinutes: 45,
  });
  const d = await mentorDigest(room.mentor.id);
  expect(d.waiting.map((w) => `${w.innovatorName}: ${w.assignmentTitle}`)).toEqual([
    `Ana Active: ${PROGRAMME.snapshot.title}`,
  ]);
  expect(d.inactive.map((i) => i.name)).toEqual(['Quiet Quentin']);
  expect(d.upcoming.map((u) => u.withName)).toEqual(['Ana Active']);

  expect(await runMentorDigests()).toBe(2); // the other mentor has a mentee too
  const mine = await Notification.findOne({ kind: 'digest', user: room.mentor.id }).lean();
  expect(mine!.title).toBe('Your mentoring week: 1 waiting, 1 quiet, 1 check-ins');
  expect(mine!.body).toContain(`Ana Active: ${PROGRAMME.snapshot.title}`);
  expect(mine!.body).toContain('Quiet Quentin (last active never)');
  expect(await runMentorDigests()).toBe(0);
  expect(await Notification.countDocuments({ kind: 'digest', user: room.mentor.id })).toBe(1);
});

it('nudges after 14 quiet days, at most once per 14 days', async () => {
  const nudged = async () =>
    (await Notification.find({ kind: 'nudge' }).lean()).map((n) => String(n.user));
  expect(await runInactivityNudges()).toBe(0); // everyone joined today
  const t1 = new Date(Date.now() + 15 * DAY);
  await runInactivityNudges(t1);
  expect(await nudged()).toContain(quiet.id);
  const before = (await nudged()).length;
  await runInactivityNudges(new Date(t1.getTime() + DAY));
  await runInactivityNudges(new Date(t1.getTime() + 13 * DAY));
  expect((await nudged()).length).toBe(before);
  await runInactivityNudges(new Date(t1.getTime() + 15 * DAY));
  expect((await nudged()).filter((id) => id === quiet.id)).toHaveLength(2);
});

it('the ambassador summary covers their countries, once a week', async () => {
  const amb = await createUser({
    roles: ['ambassador'],
    name: 'Amb RS',
    country: 'RS',
    countries: ['RS'],
  });
  expect(await runAmbassadorSummaries()).toBe(1);
  expect(await runAmbassadorSummaries()).toBe(0);
  const n = await Notification.findOne({ user: amb.id, kind: 'digest' }).lean();
  // RS innovators: Ana (active) and Quentin (never active); the other innovator is from GR.
  expect(n!.title).toBe('This week in RS: 1 of 2 innovators active');
  expect(n!.body).toContain('No activity for 14 days (1): Quiet Quentin');
});
