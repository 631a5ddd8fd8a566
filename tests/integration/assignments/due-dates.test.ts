/** Due dates, per-cohort dates, extensions and late marking (issue 7, points 1 and 2). */
import { User } from '../../../server/features/users/user.model.js';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import { Extension } from '../../../server/features/assignments/extension.model.js';
import { DueDateOverride } from '../../../server/features/assignments/due-date-override.model.js';
import {
  onAssignmentEvent,
  type AssignmentEvent,
} from '../../../server/features/assignments/assignments.api.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  PROGRAMME,
  seedAssignments,
} from '../../helpers/factories/assignments.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const DAY = 86_400_000;
const { app, config } = buildTestApp({ defaultTimezone: 'Europe/Athens' });
const id = PROGRAMME.snapshot.id;

const events: AssignmentEvent[] = [];
const stopListening = onAssignmentEvent((e) => {
  events.push(e);
});

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
  events.length = 0;
});
afterAll(async () => {
  stopListening();
  await disconnect();
});

async function submit(agent: Awaited<ReturnType<typeof loginAs>>) {
  await agent.refreshToken(`/assignments/${id}`);
  return agent
    .postMultipart(`/assignments/${id}/answer`)
    .field('text', 'My answer')
    .field('action', 'submit');
}

describe('due dates', () => {
  it('are the cohort start plus the curriculum days, shown in the viewer zone with the time left', async () => {
    const start = new Date('2030-03-01T10:00:00Z');
    const room = await createClassroom({ startDate: start });
    const agent = await loginAs(app, room.innovator);
    const res = await agent.get(`/assignments/${id}`).expect(200);
    // 1 March + 30 days = 31 March, 10:00 UTC = 13:00 in Athens (summer time from 31 March 2030).
    expect(res.text).toContain(
      '<time datetime="2030-03-31T10:00:00.000Z" id="due-at">Sun, 31 Mar 2030, 13:00 (Europe/Athens)</time>',
    );
    expect(res.text).toMatch(/id="time-left">\d+ days( \d+ hours?)? left</);
    const list = await agent.get('/assignments').expect(200);
    expect(list.text).toContain('Sun, 31 Mar 2030, 13:00 (Europe/Athens)');
    expect(list.text).toContain(PROGRAMME.final.title);
  });

  it("are shown in each viewer's own profile time zone", async () => {
    const room = await createClassroom({ startDate: new Date('2030-05-01T12:00:00Z') });
    await User.updateOne(
      { _id: room.innovator.id },
      { $set: { 'profile.timeZone': 'Europe/Athens' } },
    );
    await User.updateOne(
      { _id: room.otherInnovator.id },
      { $set: { 'profile.timeZone': 'Europe/Belgrade' } },
    );
    // 1 May + 30 days = 31 May, 12:00 UTC: 15:00 in Athens, 14:00 in Belgrade (both on summer time).
    const athens = await (await loginAs(app, room.innovator)).get(`/assignments/${id}`).expect(200);
    expect(athens.text).toContain('id="due-at">Fri, 31 May 2030, 15:00 (Europe/Athens)</time>');
    const belgrade = await (
      await loginAs(app, room.otherInnovator)
    )
      .get(`/assignments/${id}`)
      .expect(200);
    expect(belgrade.text).toContain('id="due-at">Fri, 31 May 2030, 14:00 (Europe/Belgrade)</time>');
    expect(belgrade.text).not.toContain('(Europe/Athens)');
  });

  it('can be set per cohort by an admin (typed in the admin zone)', async () => {
    const room = await createClassroom({ startDate: new Date('2030-03-01T10:00:00Z') });
    const admin = await createUser({ roles: ['admin'] });
    const agent = await loginAs(app, admin);
    const form = await agent.get(`/admin/assignments?cohort=${room.cohortId}`).expect(200);
    expect(form.text).toContain('30 days after the start: Sun, 31 Mar 2030, 13:00 (Europe/Athens)');
    expect(form.text).toContain('value="2030-03-31T13:00"');
    const res = await agent.postForm(
      '/admin/assignments/due-dates',
      { cohortId: room.cohortId, assignmentId: id, dueAt: '2030-04-15T18:00' },
      { tokenFrom: '/admin/assignments' },
    );
    expect(res.status).toBe(303);
    const stored = await DueDateOverride.findOne({ assignmentId: id }).lean();
    expect(stored!.dueAt.toISOString()).toBe('2030-04-15T15:00:00.000Z');
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'due-date-changed',
        cohortId: room.cohortId,
        assignmentId: id,
      }),
    );
    const page = await (await loginAs(app, room.innovator)).get(`/assignments/${id}`).expect(200);
    expect(page.text).toContain('Mon, 15 Apr 2030, 18:00 (Europe/Athens)');

    const after = await agent.get(`/admin/assignments?cohort=${room.cohortId}`).expect(200);
    expect(after.text).toContain(
      'Mon, 15 Apr 2030, 18:00 (Europe/Athens) <span class="badge badge-info">Set by an admin</span>',
    );
    await agent.postForm(
      '/admin/assignments/due-dates',
      { cohortId: room.cohortId, assignmentId: id, dueAt: '', clear: '1' },
      { tokenFrom: '/admin/assignments' },
    );
    expect(await DueDateOverride.countDocuments()).toBe(0);
  });

  it('cannot be changed by a mentor or an innovator', async () => {
    const room = await createClassroom();
    for (const person of [room.mentor, room.innovator]) {
      const agent = await loginAs(app, person);
      const res = await agent.postForm('/admin/assignments/due-dates', {
        cohortId: room.cohortId,
        assignmentId: id,
        dueAt: '2030-04-15T18:00',
      });
      expect(res.status).toBe(403);
    }
    expect(await DueDateOverride.countDocuments()).toBe(0);
  });
});

describe('late marking', () => {
  it('marks work submitted after the due date late, with how late, and still accepts it', async () => {
    const room = await createClassroom({ startDate: new Date(Date.now() - 32 * DAY) });
    const agent = await loginAs(app, room.innovator);
    expect((await submit(agent)).status).toBe(303);
    const stored = await Submission.findOne({ innovator: room.innovator.id }).lean();
    expect(stored!.status).toBe('submitted');
    expect(stored!.lateMs).toBeGreaterThan(2 * DAY - 60_000);
    expect(stored!.lateMs).toBeLessThan(2 * DAY + 60_000);
    const page = await agent.get(`/assignments/${id}`).expect(200);
    expect(page.text).toMatch(
      /<strong>Late:<\/strong> submitted (1 day 23 hours|2 days) after the due date/,
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'submitted',
        innovatorId: room.innovator.id,
        assignmentId: id,
      }),
    );
  });

  it('does not mark work submitted before the due date', async () => {
    const room = await createClassroom({ startDate: new Date() });
    const agent = await loginAs(app, room.innovator);
    await submit(agent);
    expect((await Submission.findOne({ innovator: room.innovator.id }).lean())!.lateMs).toBe(0);
  });
});

describe('extensions', () => {
  it("move one person's date; their work is on time and the mentor sees the reason", async () => {
    const room = await createClassroom({ startDate: new Date(Date.now() - 32 * DAY) });
    const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
    const res = await admin.postForm(
      '/admin/assignments/extensions',
      {
        innovatorId: room.innovator.id,
        assignmentId: id,
        dueAt: '2099-01-10T12:00',
        reason: 'Library flooded in May',
      },
      { tokenFrom: '/admin/assignments' },
    );
    expect(res.status).toBe(303);
    expect(await Extension.findOne({ innovator: room.innovator.id }).lean()).toMatchObject({
      assignmentId: id,
      reason: 'Library flooded in May',
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'extension-granted', innovatorId: room.innovator.id }),
    );

    const innovator = await loginAs(app, room.innovator);
    expect((await innovator.get(`/assignments/${id}`)).text).toContain('You have an extension');
    await submit(innovator);
    const stored = await Submission.findOne({ innovator: room.innovator.id }).lean();
    expect(stored!.lateMs).toBe(0);

    const other = await loginAs(app, room.otherInnovator);
    await submit(other);
    expect(
      (await Submission.findOne({ innovator: room.otherInnovator.id }).lean())!.lateMs,
    ).toBeGreaterThan(0);

    const mentor = await loginAs(app, room.mentor);
    const grading = await mentor.get(`/grading/${stored!._id}`).expect(200);
    expect(grading.text).toContain('Reason: Library flooded in May');
  });

  it('needs a reason', async () => {
    const room = await createClassroom();
    const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
    const res = await admin.postForm(
      '/admin/assignments/extensions',
      { innovatorId: room.innovator.id, assignmentId: id, dueAt: '2099-01-10T12:00', reason: ' ' },
      { tokenFrom: '/admin/assignments' },
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('Give a reason for the extension.');
    expect(await Extension.countDocuments()).toBe(0);
  });
});
