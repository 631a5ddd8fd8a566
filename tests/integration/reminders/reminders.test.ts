/**
 * Deadline reminders (issue 8, point 2): planned 3 and 1 days before and the day after the due
 * date; moved by a cohort date change and by an extension; removed by a submission; run twice
 * they notify once; the overdue notice reaches innovator and mentor.
 */
import mongoose from 'mongoose';
import {
  grantExtension,
  setCohortDueDate,
} from '../../../server/features/assignments/due-dates.service.js';
import { plugSchedulingIn } from '../../../server/features/checkins/checkins.startup.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { Notification } from '../../../server/features/notifications/notification.model.js';
import { runDeadlineReminder } from '../../../server/features/reminders/deadline-reminder.job.js';
import { removeReminderListeners } from '../../../server/features/reminders/reminders.listeners.js';
import {
  planRemindersFor,
  type ReminderData,
} from '../../../server/features/reminders/reminders.service.js';
import { setAgenda } from '../../../server/jobs/agenda.js';
import { startJobs } from '../../../server/jobs/index.js';
import { logger } from '../../../server/lib/logger.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  PROGRAMME,
  seedAssignments,
  type Classroom,
} from '../../helpers/factories/assignments.js';
import { loginAs } from '../../helpers/login.js';
import { jobs, waitFor } from '../jobs/helpers.js';

const DAY = 86_400_000;
const { app, config } = buildTestApp();
const snapshot = PROGRAMME.snapshot.id;
let room: Classroom;
let due: Date;

beforeAll(async () => {
  await connectTestDatabase();
  useMailConfig(config);
  plugSchedulingIn();
});
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
  const start = new Date(Date.now() + 10 * DAY);
  room = await createClassroom({ startDate: start });
  due = new Date(start.getTime() + PROGRAMME.snapshot.dueDays * DAY);
});
afterAll(async () => {
  removeReminderListeners();
  useMailConfig(undefined);
  setAgenda(undefined);
  await disconnect();
});

async function reminderJobs(innovatorId: string, assignmentId: string = snapshot) {
  const rows = await jobs()
    .find({
      name: 'deadline-reminder',
      'data.innovatorId': innovatorId,
      'data.assignmentId': assignmentId,
    })
    .toArray();
  return rows
    .map((j) => ({
      which: j.data.type === 'overdue' ? 'overdue' : `${j.data.days}d`,
      at: (j.nextRunAt as Date).toISOString(),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

const expected = (d: Date) => [
  { which: '3d', at: new Date(d.getTime() - 3 * DAY).toISOString() },
  { which: '1d', at: new Date(d.getTime() - DAY).toISOString() },
  { which: 'overdue', at: new Date(d.getTime() + DAY).toISOString() },
];

it('plans 3-day, 1-day and overdue reminders from the due date, once however often planned', async () => {
  await planRemindersFor(room.innovator.id);
  await planRemindersFor(room.innovator.id);
  expect(await reminderJobs(room.innovator.id)).toEqual(expected(due));
});

it('moves them when the cohort due date changes, and for one person on an extension', async () => {
  await planRemindersFor(room.innovator.id);
  await planRemindersFor(room.otherInnovator.id);
  const cohortDate = new Date(due.getTime() + 7 * DAY);
  await setCohortDueDate({ cohortId: room.cohortId, assignmentId: snapshot, dueAt: cohortDate });
  expect(await reminderJobs(room.innovator.id)).toEqual(expected(cohortDate));
  expect(await reminderJobs(room.otherInnovator.id)).toEqual(expected(cohortDate));

  const extended = new Date(cohortDate.getTime() + 5 * DAY);
  await grantExtension({
    innovatorId: room.innovator.id,
    assignmentId: snapshot,
    dueAt: extended,
    reason: 'Library move',
  });
  expect(await reminderJobs(room.innovator.id)).toEqual(expected(extended));
  expect(await reminderJobs(room.otherInnovator.id)).toEqual(expected(cohortDate));
});

it('cancels them when the innovator submits', async () => {
  await planRemindersFor(room.innovator.id);
  const agent = await loginAs(app, room.innovator);
  await agent.refreshToken(`/assignments/${snapshot}`);
  const res = await agent
    .postMultipart(`/assignments/${snapshot}/answer`)
    .field('text', 'My answer')
    .field('action', 'submit');
  expect(res.status).toBe(303);
  expect(await reminderJobs(room.innovator.id)).toEqual([]);
  // The other assignment's reminders stay.
  expect((await reminderJobs(room.innovator.id, PROGRAMME.final.id)).length).toBe(3);
});

it('notifies once when the reminder job runs twice, and skips a stale one', async () => {
  const data: ReminderData = {
    innovatorId: room.innovator.id,
    assignmentId: snapshot,
    type: 'before',
    days: 3,
    dueAt: due.toISOString(),
  };
  expect(await runDeadlineReminder(data)).toBe(1);
  expect(await runDeadlineReminder(data)).toBe(0);
  const notes = await Notification.find({ kind: 'deadline-reminder' }).lean();
  expect(notes).toHaveLength(1);
  expect(notes[0].title).toBe(`“${PROGRAMME.snapshot.title}” is due in 3 days`);
  expect(await jobs().countDocuments({ name: 'send-email' })).toBe(1);
  const stale = { ...data, dueAt: new Date(due.getTime() - DAY).toISOString() };
  expect(await runDeadlineReminder(stale)).toBe(0);
});

it('the overdue notice goes to the innovator and their mentor', async () => {
  const data: ReminderData = {
    innovatorId: room.innovator.id,
    assignmentId: snapshot,
    type: 'overdue',
    days: 1,
    dueAt: due.toISOString(),
  };
  expect(await runDeadlineReminder(data)).toBe(2);
  const notes = await Notification.find({ kind: 'overdue' }).lean();
  expect(notes.map((n) => String(n.user)).sort()).toEqual(
    [room.innovator.id, room.mentor.id].sort(),
  );
  expect(notes.find((n) => String(n.user) === room.mentor.id)!.title).toContain('is overdue');
});

it('a due reminder is picked up and run by the real Agenda', async () => {
  await planRemindersFor(room.innovator.id);
  // Time travel: make the 3-day reminder due now.
  await jobs().updateOne(
    {
      name: 'deadline-reminder',
      'data.innovatorId': room.innovator.id,
      'data.assignmentId': snapshot,
      'data.days': 3,
    },
    { $set: { nextRunAt: new Date() } },
  );
  const running = await startJobs({
    config,
    logger,
    connection: mongoose.connection,
    processEvery: 200,
    // Short: Agenda's per-run liveness timer (lockLifetime/2) must not outlive the test file.
    lockLifetime: 2_000,
  });
  try {
    expect(
      await waitFor(
        async () => (await Notification.countDocuments({ kind: 'deadline-reminder' })) === 1,
      ),
    ).toBe(true);
    expect(
      await waitFor(
        async () =>
          (await mongoose.connection
            .collection('outboxmails')
            .countDocuments({ kind: 'deadline-reminder', status: 'sent' })) === 1,
      ),
    ).toBe(true);
  } finally {
    await running.stop();
    setAgenda(undefined);
  }
});
