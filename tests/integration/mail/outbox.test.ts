/** Without SMTP_URL, mail becomes .eml files under <dataDir>/outbox, readable on /admin/outbox. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { readEml, sendMail } from '../../../server/features/mail/mail.service.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { useMailingApp } from '../../helpers/mailing-app.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();

useMailingApp(config);

it('lists the message and shows its text with the link, and the .eml can be downloaded', async () => {
  const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
  await admin.postForm('/admin/invitations', {
    name: 'Ilir',
    email: 'ilir@example.org',
    role: 'innovator',
    country: 'XK',
  });
  const files = readdirSync(path.join(config.dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
  expect(files).toHaveLength(1);
  const parsed = await simpleParser(readFileSync(path.join(config.dataDir, 'outbox', files[0])));
  expect(parsed.text).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}/);

  const list = await admin.get('/admin/outbox').expect(200);
  expect(list.text).toContain('ilir@example.org');
  expect(list.text).toContain('written to outbox');
  const mail = await OutboxMail.findOne().lean();
  const page = await admin.get(`/admin/outbox/${mail!._id}`).expect(200);
  const link = /\/invitations\/[A-Za-z0-9_-]{43}/.exec(parsed.text!)![0];
  expect(page.text).toContain(`http://localhost:3000${link}`);

  const eml = await admin.get(`/admin/outbox/${mail!._id}/eml`).expect(200);
  expect(eml.headers['content-type']).toContain('message/rfc822');
  expect(eml.headers['content-disposition']).toContain('attachment');
});

it('is for admins only', async () => {
  const mentor = await loginAs(app, await createUser({ roles: ['mentor'] }));
  await mentor.get('/admin/outbox').expect(403);
});

it('writes attachments into the .eml', async () => {
  const mail = await sendMail({
    to: 'ana@example.org',
    subject: 'Check-in',
    text: 'See the calendar file.',
    attachments: [
      {
        filename: 'check-in.ics',
        content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        contentType: 'text/calendar',
      },
    ],
  });
  expect(mail.status).toBe('sent');
  const parsed = await simpleParser((await readEml(mail))!);
  expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
    ['check-in.ics', 'text/calendar'],
  ]);
  expect(parsed.attachments[0].content.toString('utf8')).toContain('BEGIN:VCALENDAR');
});
