/**
 * The real Agenda against the engine: a notification's email goes through the send-email job
 * to a real SMTP peer; running the job twice, or restarting Agenda while the mail is in flight,
 * sends it once; while the peer is down the mail is kept and retried. A check-in invitation
 * arrives with its .ics attached, also after a failed first delivery.
 */
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import mongoose, { Types } from 'mongoose';
import { sendInvitations } from '../../../server/features/checkins/checkin-invitations.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { notify } from '../../../server/features/notifications/notifications.service.js';
import {
  runSendEmail,
  type SendEmailData,
} from '../../../server/features/notifications/send-email.job.js';
import { createAgenda, setAgenda } from '../../../server/jobs/agenda.js';
import { SentNotification } from '../../../server/jobs/ledger.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { createUser } from '../../helpers/factories/users.js';
import { recipient } from '../../helpers/smtp.js';
import { jobs, waitFor } from './helpers.js';
import { LOCK_LIFETIME_MS, useMailJobs } from './mail-jobs.js';

const { config } = buildTestApp();
const world = useMailJobs(config);

it('lets the real Agenda pick up send-email and deliver text + HTML with an unsubscribe link', async () => {
  const person = await createUser({ name: 'Ana', email: 'ana@example.org' });
  await world.start();
  await notify({
    userId: person.id,
    kind: 'deadline-reminder',
    key: 'test:1',
    title: '“Snapshot” is due in 3 days',
    body: 'Submit it before Friday.',
    url: '/assignments/snapshot',
  });
  expect(await waitFor(() => world.peer.received.length === 1)).toBe(true);
  const mail = world.peer.received[0];
  expect(mail.to).toMatchObject({ text: 'ana@example.org' });
  expect(mail.subject).toBe('“Snapshot” is due in 3 days');
  expect(mail.text).toContain('Submit it before Friday.');
  expect(mail.text).toContain('http://localhost:3000/assignments/snapshot');
  expect(mail.html).toContain('<h2>“Snapshot” is due in 3 days</h2>');
  expect(mail.text).toMatch(
    /Stop these emails: http:\/\/localhost:3000\/notifications\/unsubscribe\/\S+/,
  );
  // The peer has the message a moment before the job records that it was sent.
  expect(
    await waitFor(
      async () => (await SentNotification.findOne({ key: 'email:test:1' }))?.state === 'done',
    ),
  ).toBe(true);
  expect(await OutboxMail.countDocuments({ status: 'sent', kind: 'deadline-reminder' })).toBe(1);
  expect(
    await waitFor(async () =>
      Boolean((await jobs().findOne({ name: 'send-email' }))?.lastFinishedAt),
    ),
  ).toBe(true);
});

const data = (userId: string, key: string): SendEmailData => ({
  key,
  userId,
  kind: 'nudge',
  subject: 'Hello again',
  text: 'Text part',
  html: '<p>HTML part</p>',
});

it('sends once when the job runs twice', async () => {
  const person = await createUser();
  await runSendEmail(data(person.id, 'email:twice'));
  await runSendEmail(data(person.id, 'email:twice'));
  expect(world.peer.received).toHaveLength(1);
  expect(await OutboxMail.countDocuments()).toBe(1);
});

it('sends once when Agenda is restarted while the mail is in flight', async () => {
  const person = await createUser({ email: 'restart@example.org' });
  world.peer.hold = true;
  const first = await world.start();
  await notify({
    userId: person.id,
    kind: 'nudge',
    key: 'restart',
    title: 'Quiet week?',
    body: 'Come back.',
  });
  await world.peer.held(); // the first run is mid-delivery
  await world.stop(first);
  // A new Agenda instance (as after a restart) on the same jobs: force the job due again now.
  await jobs().updateOne(
    { name: 'send-email' },
    { $set: { nextRunAt: new Date(), lockedAt: null } },
  );
  await world.start();
  // The second instance finds the first run's claim and backs off instead of sending again.
  expect(
    await waitFor(async () => Boolean((await jobs().findOne({ name: 'send-email' }))?.failReason)),
  ).toBe(true);
  const job = await jobs().findOne({ name: 'send-email' });
  expect(String(job!.failReason)).toContain('being sent by another run');
  world.peer.release();
  expect(
    await waitFor(
      async () => (await SentNotification.findOne({ key: 'email:restart' }))?.state === 'done',
    ),
  ).toBe(true);
  // The retry after the backoff (forced due now) finds the mail sent and does nothing.
  await jobs().updateOne({ name: 'send-email' }, { $set: { nextRunAt: new Date() } });
  expect(
    await waitFor(async () => {
      const j = await jobs().findOne({ name: 'send-email' });
      return Boolean(j?.lastFinishedAt && (!j.failedAt || j.lastFinishedAt > j.failedAt));
    }),
  ).toBe(true);
  expect(world.peer.received.map(recipient)).toEqual(['restart@example.org']);
});

it('keeps the mail while the SMTP peer is down and delivers it on a retry', async () => {
  const person = await createUser({ email: 'down@example.org' });
  world.peer.refuseWith = 451;
  await expect(runSendEmail(data(person.id, 'email:down'))).rejects.toThrow(/not delivered yet/);
  const stored = await OutboxMail.findOne({ to: 'down@example.org' }).lean();
  expect(stored).toMatchObject({ status: 'failed' });
  expect(world.peer.received).toHaveLength(0);
  world.peer.refuseWith = null;
  await runSendEmail(data(person.id, 'email:down')); // what Agenda's retry runs
  expect(world.peer.received).toHaveLength(1);
  expect(await OutboxMail.findOne({ to: 'down@example.org' }).lean()).toMatchObject({
    status: 'sent',
    attempts: 2,
  });
  await runSendEmail(data(person.id, 'email:down'));
  expect(world.peer.received).toHaveLength(1);
});

it('a failing job is retried by Agenda with backoff and its failure logged with name and data', async () => {
  const agenda = createAgenda(mongoose.connection, {
    processEvery: 200,
    lockLifetime: LOCK_LIFETIME_MS,
  });
  const seen: Array<{ name: string; data: unknown }> = [];
  agenda.on('fail', (_err, job) => seen.push({ name: job.attrs.name, data: job.attrs.data }));
  setAgenda(agenda);
  await agenda.start();
  world.peer.refuseWith = 451;
  const person = await createUser();
  await notify({ userId: person.id, kind: 'nudge', key: 'retry-me', title: 'T', body: 'B' });
  expect(await waitFor(() => seen.length > 0)).toBe(true);
  const job = await jobs().findOne({ name: 'send-email' });
  expect(job!.failCount).toBe(1);
  // Backoff: the next attempt is planned about a minute later, not immediately.
  expect(job!.nextRunAt.getTime() - Date.now()).toBeGreaterThan(30_000);
  expect(seen[0]).toMatchObject({ name: 'send-email', data: { userId: person.id, kind: 'nudge' } });
  await agenda.stop(false);
});

const CHECKIN_START = new Date('2026-12-02T09:00:00Z');

async function inviteToCheckin() {
  const mentor = await createUser({ name: 'Marija', email: 'marija@example.org' });
  const innovator = await createUser({ name: 'Ana', email: 'ana-invite@example.org' });
  await sendInvitations({
    _id: new Types.ObjectId(),
    mentor: new Types.ObjectId(mentor.id),
    innovator: new Types.ObjectId(innovator.id),
    startsAt: CHECKIN_START,
    durationMinutes: 45,
    timeZone: 'Europe/Belgrade',
    meetingUrl: 'https://meet.example.org/ana',
  });
  return { mentor, innovator };
}

/** The received mail's .ics: attached as text/calendar, DTSTART the check-in time in UTC. */
function expectCheckinIcs(mail: ParsedMail) {
  const ics = mail.attachments.filter((a) => /\.ics$/.test(a.filename ?? ''));
  expect(ics).toHaveLength(1);
  expect(ics[0].contentType).toBe('text/calendar');
  const text = ics[0].content.toString('utf8');
  expect(text).toContain('DTSTART:20261202T090000Z');
  const event = new ICAL.Event(
    new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!,
  );
  expect(event.startDate.zone?.tzid).toBe('UTC');
  expect(event.startDate.toJSDate().toISOString()).toBe(CHECKIN_START.toISOString());
}

it('delivers check-in invitations over SMTP with the .ics attached', async () => {
  await world.start();
  await inviteToCheckin();
  expect(await waitFor(() => world.peer.received.length === 2)).toBe(true);
  const recipients = world.peer.received.map(recipient).sort();
  expect(recipients).toEqual(['ana-invite@example.org', 'marija@example.org']);
  for (const mail of world.peer.received) {
    expect(mail.text).toContain('The attached calendar file adds it to your calendar.');
    expectCheckinIcs(mail);
  }
});

it('keeps the .ics with a failed invitation and attaches it when the retry delivers', async () => {
  const { innovator } = await inviteToCheckin();
  const job = await jobs().findOne({ name: 'send-email', 'data.userId': innovator.id });
  const invite = job!.data as SendEmailData;
  world.peer.refuseWith = 451;
  await expect(runSendEmail(invite)).rejects.toThrow(/not delivered yet/);
  const stored = await OutboxMail.findOne({ to: 'ana-invite@example.org' }).lean();
  expect(stored).toMatchObject({ status: 'failed' });
  expect(stored!.attachments).toEqual([
    expect.objectContaining({
      filename: 'check-in.ics',
      contentType: expect.stringMatching(/^text\/calendar/),
    }),
  ]);
  world.peer.refuseWith = null;
  await runSendEmail(invite); // what Agenda's retry runs: redelivers the stored message
  expect(world.peer.received).toHaveLength(1);
  expect(await OutboxMail.findOne({ to: 'ana-invite@example.org' }).lean()).toMatchObject({
    status: 'sent',
    attempts: 2,
  });
  expectCheckinIcs(world.peer.received[0]);
});
