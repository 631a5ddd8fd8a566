/**
 * "Sends nothing twice" at every instant, against a real SMTP peer: a run that died between the
 * SMTP hand-off and recording the result (its outbox row left 'sending', its ledger claim and its
 * job lock left behind, as a killed process leaves them), or a connection lost right after the
 * peer took the message, is never resent by a rerun, an Agenda restart or the mail-retry job.
 * The Outbox page shows it as uncertain with a button; the button sends it once.
 */
import { messageIdFor } from '../../../server/features/mail/mail.delivery.js';
import { retryFailedMail, sendMail } from '../../../server/features/mail/mail.service.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import {
  runSendEmail,
  type SendEmailData,
} from '../../../server/features/notifications/send-email.job.js';
import { SentNotification } from '../../../server/jobs/ledger.model.js';
import { enqueue } from '../../../server/jobs/queue.js';
import { buildTestApp } from '../../helpers/app.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import { jobs, waitFor } from './helpers.js';
import { useMailJobs } from './mail-jobs.js';

const { app, config } = buildTestApp();
const world = useMailJobs(config);

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

function email(userId: string, key: string): SendEmailData {
  return {
    key,
    userId,
    kind: 'nudge',
    subject: 'Quiet week?',
    text: 'Come back.',
    html: '<p>Come back.</p>',
  };
}

/** What a process killed after the SMTP hand-off leaves: a claim, a 'sending' row, a lock. */
async function leaveCrashedRun(data: SendEmailData, to: string) {
  const key = data.key!;
  await SentNotification.collection.insertOne({
    key,
    state: 'claimed',
    createdAt: ago(20),
    updatedAt: ago(20),
  });
  const mail = await OutboxMail.collection.insertOne({
    to,
    subject: data.subject,
    text: data.text,
    html: data.html,
    attachments: [],
    kind: data.kind,
    dedupeKey: key,
    messageId: messageIdFor(key, 'unused'),
    status: 'sending',
    attempts: 1,
    attemptedAt: ago(20),
    nextAttemptAt: null,
    sentAt: null,
    createdAt: ago(20),
    updatedAt: ago(20),
  });
  await enqueue('send-email', { ...data }, { key });
  // Locked by the dead process long ago (past Agenda's lock lifetime): the next start takes it.
  await jobs().updateOne({ name: 'send-email' }, { $set: { lockedAt: ago(20) } });
  return String(mail.insertedId);
}

it('a run killed after the hand-off: rerun and Agenda restart send nothing; the Outbox button sends once', async () => {
  const person = await createUser({ email: 'crash@example.org' });
  const data = email(person.id, 'email:crash');
  const mailId = await leaveCrashedRun(data, 'crash@example.org');

  await world.start(); // the restarted process takes over the dead run's job
  expect(
    await waitFor(async () =>
      Boolean((await jobs().findOne({ name: 'send-email' }))?.lastFinishedAt),
    ),
  ).toBe(true);
  await runSendEmail(data); // and a rerun of the job
  expect(await retryFailedMail(20, new Date(Date.now() + 24 * 60 * MINUTE))).toBe(0);
  expect(world.peer.received).toHaveLength(0);
  const stored = await OutboxMail.findById(mailId).lean();
  expect(stored).toMatchObject({ status: 'uncertain', attempts: 1, nextAttemptAt: null });
  expect(stored!.lastError).toMatch(/may or may not have reached/);
  expect(await SentNotification.findOne({ key: 'email:crash' }).lean()).toMatchObject({
    state: 'done',
    ref: mailId,
  });
  expect(await OutboxMail.countDocuments()).toBe(1);

  const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
  const list = await admin.get('/admin/outbox').expect(200);
  expect(list.text).toMatch(/crash@example\.org[\s\S]*delivery uncertain/);
  const page = await admin.get(`/admin/outbox/${mailId}`).expect(200);
  expect(page.text).toContain('may or may not have reached');
  expect(page.text).toMatch(/<button[^>]*>Send again<\/button>/);

  const clicks = [
    await admin.postForm(`/admin/outbox/${mailId}/retry`, {}),
    await admin.postForm(`/admin/outbox/${mailId}/retry`, {}), // a second click
  ];
  expect(clicks.map((r) => r.status)).toEqual([303, 303]);
  expect((await admin.get(`/admin/outbox/${mailId}`).expect(200)).text).toContain(
    'The message was sent.',
  );
  expect(world.peer.received).toHaveLength(1);
  expect(world.peer.received[0].messageId).toBe(messageIdFor('email:crash', 'unused'));
  expect(await OutboxMail.findById(mailId).lean()).toMatchObject({ status: 'sent', attempts: 2 });
  await runSendEmail(data);
  expect(world.peer.received).toHaveLength(1);
});

it('a connection lost after the peer took the message is uncertain and never resent by itself', async () => {
  const person = await createUser({ email: 'lost@example.org' });
  const data = email(person.id, 'email:lost');
  world.peer.dropAfterData = true;
  await runSendEmail(data); // finishes: nothing for Agenda to retry
  expect(world.peer.received).toHaveLength(1);
  const stored = await OutboxMail.findOne({ dedupeKey: 'email:lost' }).lean();
  expect(stored).toMatchObject({ status: 'uncertain', attempts: 1, nextAttemptAt: null });
  world.peer.dropAfterData = false;
  await runSendEmail(data);
  expect(await retryFailedMail(20, new Date(Date.now() + 24 * 60 * MINUTE))).toBe(0);
  expect(world.peer.received).toHaveLength(1);
});

it('a clear refusal stays failed and goes out once on a retry, under one stable Message-ID', async () => {
  const person = await createUser({ email: 'refused@example.org' });
  const data = email(person.id, 'email:refused');
  await world.peer.down();
  await expect(runSendEmail(data)).rejects.toThrow(/not delivered yet/);
  expect(await OutboxMail.findOne({ dedupeKey: 'email:refused' }).lean()).toMatchObject({
    status: 'failed',
  });
  await world.peer.up();
  await runSendEmail(data); // Agenda's retry
  await runSendEmail(data);
  expect(world.peer.received).toHaveLength(1);
  expect(world.peer.received[0].messageId).toBe(messageIdFor('email:refused', 'unused'));
});

it('two runs of one job at the same moment send one message', async () => {
  const person = await createUser();
  const data = email(person.id, 'email:race');
  await Promise.allSettled([runSendEmail(data), runSendEmail(data)]);
  await runSendEmail(data); // the loser's retry
  expect(world.peer.received).toHaveLength(1);
  expect(await OutboxMail.countDocuments()).toBe(1);
});

it('the outbox keeps one message per dedupe key: a second sendMail with the key sends nothing', async () => {
  const message = { to: 'once@example.org', subject: 'Once', text: 'Only once.' };
  const [a, b] = await Promise.all([
    sendMail(message, { dedupeKey: 'direct:once' }),
    sendMail(message, { dedupeKey: 'direct:once' }),
  ]);
  expect(String(a.id)).toBe(String(b.id));
  await sendMail(message, { dedupeKey: 'direct:once' });
  expect(world.peer.received).toHaveLength(1);
  expect(await OutboxMail.countDocuments({ dedupeKey: 'direct:once' })).toBe(1);
  // Unkeyed mail is not affected by the unique index.
  await sendMail(message);
  await sendMail(message);
  expect(world.peer.received).toHaveLength(3);
});
