/**
 * Mentor check-ins (issue 8, point 3) through the pages: a cadence creates check-ins ahead with
 * invitations (.ics) to both; notes, action items, shared vs private notes; the innovator ticks
 * their item; object-level access; the undocumented follow-up; the dashboards show them.
 */
import ICAL from 'ical.js';
import { Checkin } from '../../../server/features/checkins/checkin.model.js';
import { plugSchedulingIn } from '../../../server/features/checkins/checkins.startup.js';
import { runCheckinFollowUp } from '../../../server/features/checkins/checkin-follow-up.job.js';
import { planAllCadences } from '../../../server/features/checkins/checkin-planning.service.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { Notification } from '../../../server/features/notifications/notification.model.js';
import { removeReminderListeners } from '../../../server/features/reminders/reminders.listeners.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  seedAssignments,
  type Classroom,
} from '../../helpers/factories/assignments.js';
import { loginAs } from '../../helpers/login.js';
import { jobs } from '../jobs/helpers.js';

const { app, config } = buildTestApp();
let room: Classroom;

beforeAll(async () => {
  await connectTestDatabase();
  useMailConfig(config);
  plugSchedulingIn();
});
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
  room = await createClassroom({ innovatorName: 'Ana Petrović' });
});
afterAll(async () => {
  removeReminderListeners();
  useMailConfig(undefined);
  await disconnect();
});

const today = () => new Date().toISOString().slice(0, 10);

async function setWeeklyCadence() {
  const mentor = await loginAs(app, room.mentor);
  const res = await mentor.postForm(
    `/mentoring/${room.innovator.id}/cadence`,
    {
      everyWeeks: '1',
      weekday: '3',
      time: '10:00',
      timeZone: 'Europe/Belgrade',
      startDate: today(),
      durationMinutes: '45',
      meetingUrl: 'https://meet.example.org/ana',
    },
    { tokenFrom: `/mentoring/${room.innovator.id}` },
  );
  expect(res.status).toBe(303);
  return mentor;
}

it('a weekly cadence creates the next two weeks of check-ins, with invitations and .ics to both', async () => {
  await setWeeklyCadence();
  const checkins = await Checkin.find().sort({ startsAt: 1 }).lean();
  expect(checkins).toHaveLength(2);
  expect(checkins[1].startsAt.getTime() - checkins[0].startsAt.getTime()).toBeGreaterThanOrEqual(
    7 * 86_400_000 - 3_600_000,
  );
  // Planning again (the hourly job) creates nothing new.
  expect(await planAllCadences()).toBe(0);
  const invites = await Notification.find({ kind: 'checkin-scheduled' }).lean();
  expect(invites.map((n) => String(n.user)).sort()).toEqual(
    [room.innovator.id, room.innovator.id, room.mentor.id, room.mentor.id].sort(),
  );
  const mail = await jobs().findOne({ name: 'send-email', 'data.userId': room.innovator.id });
  const ics = mail!.data.attachments[0].content as string;
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
  expect([checkins[0].startsAt.toISOString(), checkins[1].startsAt.toISOString()]).toContain(
    event.startDate.toJSDate().toISOString(),
  );
  expect(event.location).toBe('https://meet.example.org/ana');
});

it('shows the check-in on both dashboards; others get 404', async () => {
  await setWeeklyCadence();
  const [first] = await Checkin.find().sort({ startsAt: 1 }).lean();
  const innovator = await loginAs(app, room.innovator);
  const dash = await innovator.get('/dashboard').expect(200);
  expect(dash.text).toContain(`href="/checkins/${String(first._id)}"`);
  expect(dash.text).toContain('Check-in with Mentor Marija');
  const mentor = await loginAs(app, room.mentor);
  const page = await mentor.get('/mentoring').expect(200);
  expect(page.text).toContain('Ana Petrović');
  expect(page.text).toContain(`href="/checkins/${String(first._id)}"`);
  const other = await loginAs(app, room.otherMentor);
  await other.get(`/checkins/${String(first._id)}`).expect(404);
  await other.get(`/mentoring/${room.innovator.id}`).expect(404);
  const otherInnovator = await loginAs(app, room.otherInnovator);
  await otherInnovator.get(`/checkins/${String(first._id)}`).expect(404);
  const cal = await innovator.get(`/checkins/${String(first._id)}/calendar.ics`).expect(200);
  expect(cal.headers['content-type']).toContain('text/calendar');
  expect(cal.text).toContain(
    `DTSTART:${first.startsAt.toISOString().replace(/[-:]/g, '').replace('.000', '')}`,
  );
});

it('the mentor documents notes and an action item; the innovator sees shared notes and ticks it', async () => {
  const mentor = await setWeeklyCadence();
  const [c] = await Checkin.find().sort({ startsAt: 1 }).lean();
  const url = `/checkins/${String(c._id)}`;
  await mentor.postForm(
    `${url}/notes`,
    {
      sharedNotes: 'Great start on the maker space.',
      privateNotes: 'Seems tired.',
      mood: 'steady',
      progress: '40',
    },
    { tokenFrom: url },
  );
  await mentor.postForm(
    `${url}/actions`,
    { text: 'Draft the survey', owner: 'innovator', dueDate: '2030-01-10' },
    { tokenFrom: url },
  );
  await mentor.postForm(
    `${url}/actions`,
    { text: 'Send contacts', owner: 'mentor' },
    { tokenFrom: url },
  );
  const stored = await Checkin.findById(c._id).lean();
  expect(stored).toMatchObject({
    status: 'documented',
    mood: 'steady',
    progress: 40,
    sharedNotes: 'Great start on the maker space.',
  });
  expect(stored!.actionItems.map((i) => i.text)).toEqual(['Draft the survey', 'Send contacts']);

  const innovator = await loginAs(app, room.innovator);
  const page = await innovator.get(url).expect(200);
  expect(page.text).toContain('Great start on the maker space.');
  expect(page.text).not.toContain('Seems tired.');
  const [mine, theirs] = stored!.actionItems;
  const tick = await innovator.postForm(
    `${url}/actions/${String(mine._id)}`,
    { done: '1' },
    { tokenFrom: url },
  );
  expect(tick.status).toBe(303);
  const refused = await innovator.postForm(
    `${url}/actions/${String(theirs._id)}`,
    { done: '1' },
    { tokenFrom: url },
  );
  expect(refused.status).toBe(400);
  const after = await Checkin.findById(c._id).lean();
  expect(after!.actionItems[0].doneAt).toBeInstanceOf(Date);
  expect(after!.actionItems[1].doneAt).toBeNull();
  // Notes were recorded: the follow-up sends nothing.
  expect(await runCheckinFollowUp({ checkinId: String(c._id) })).toBe(false);
});

it('an undocumented check-in reminds the mentor once; a follow-up job is scheduled 2 days after', async () => {
  await setWeeklyCadence();
  const [c] = await Checkin.find().sort({ startsAt: 1 }).lean();
  const job = await jobs().findOne({ name: 'checkin-follow-up', 'data.checkinId': String(c._id) });
  expect((job!.nextRunAt as Date).getTime()).toBe(c.startsAt.getTime() + 2 * 86_400_000);
  expect(await runCheckinFollowUp({ checkinId: String(c._id) })).toBe(true);
  expect(await runCheckinFollowUp({ checkinId: String(c._id) })).toBe(false);
  const reminders = await Notification.find({ kind: 'checkin-reminder' }).lean();
  expect(reminders).toHaveLength(1);
  expect(String(reminders[0].user)).toBe(room.mentor.id);
});

it('a one-off check-in is typed in the mentor zone; bad input re-renders with messages', async () => {
  const mentor = await loginAs(app, room.mentor);
  const form = `/mentoring/${room.innovator.id}`;
  const bad = await mentor.postForm(
    `${form}/checkins`,
    { startsAt: 'soon', timeZone: 'Europe/Belgrade', durationMinutes: '45' },
    { tokenFrom: form },
  );
  expect(bad.status).toBe(422);
  expect(bad.text).toContain('Enter a date and time.');
  // The right shape but no such day: refused beside the field, the typed value kept.
  const noSuchDay = await mentor.postForm(
    `${form}/checkins`,
    { startsAt: '2030-02-30T10:00', timeZone: 'Europe/Belgrade', durationMinutes: '45' },
    { tokenFrom: form },
  );
  expect(noSuchDay.status).toBe(422);
  expect(noSuchDay.text).toContain('Enter a real date.');
  expect(noSuchDay.text).toContain('value="2030-02-30T10:00"');
  const noSuchStart = await mentor.postForm(
    `${form}/cadence`,
    {
      everyWeeks: '2',
      weekday: '3',
      time: '10:00',
      timeZone: 'Europe/Belgrade',
      startDate: '2030-02-30',
      durationMinutes: '45',
    },
    { tokenFrom: form },
  );
  expect(noSuchStart.status).toBe(422);
  expect(noSuchStart.text).toContain('Enter a real date.');
  expect(await Checkin.countDocuments()).toBe(0);
  const ok = await mentor.postForm(
    `${form}/checkins`,
    { startsAt: '2030-07-02T18:30', timeZone: 'Europe/Belgrade', durationMinutes: '30' },
    { tokenFrom: form },
  );
  expect(ok.status).toBe(303);
  const c = await Checkin.findOne().lean();
  expect(c!.startsAt.toISOString()).toBe('2030-07-02T16:30:00.000Z');
});
