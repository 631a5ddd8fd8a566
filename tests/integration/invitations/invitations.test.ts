/** Invitations: one, many (CSV), accepting, re-inviting, and the invalid/used/expired pages. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { Cohort } from '../../../server/features/cohorts/cohort.model.js';
import { Invitation } from '../../../server/features/invitations/invitation.model.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { User } from '../../../server/features/users/user.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { useMailingApp } from '../../helpers/mailing-app.js';
import { csrfAgent, type CsrfAgent } from '../../helpers/csrf.js';
import { createCohort, createUser } from '../../helpers/factories/users.js';
import { loginAs, signedInAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
let admin: CsrfAgent;

const GOOD_PASSWORD = 'Danube-kettle-meadow-7';

async function latestLink(to: string): Promise<string> {
  const mail = await OutboxMail.findOne({ to, kind: 'invitation' }).sort({ createdAt: -1 }).lean();
  const match = /http:\/\/localhost:3000(\/invitations\/[A-Za-z0-9_-]{43})/.exec(mail?.text ?? '');
  if (!match) throw new Error(`no invitation link in the mail to ${to}`);
  return match[1];
}

async function inviteOne(fields: Record<string, string>) {
  return admin.postForm('/admin/invitations', { role: 'innovator', country: 'RS', ...fields });
}

useMailingApp(config, async () => {
  admin = await loginAs(app, await createUser({ roles: ['admin'] }));
});

describe('inviting one person', () => {
  it('creates the person without a password, stores only a hash of the link, writes the mail', async () => {
    await createCohort({ slug: 'autumn-2026', name: 'Autumn 2026' });
    const res = await inviteOne({
      name: 'Mira Hoxha',
      email: 'Mira@Example.org',
      country: 'AL',
      cohort: 'autumn-2026',
    });
    expect(res.status).toBe(303);
    const user = await User.findOne({ email: 'mira@example.org' }).lean();
    expect(user).toMatchObject({
      name: 'Mira Hoxha',
      roles: ['innovator'],
      passwordHash: null,
      countries: ['AL'],
    });
    expect(res.headers.location).toBe(`/admin/people/${user!._id}`);
    const cohort = await Cohort.findOne({ slug: 'autumn-2026' }).lean();
    expect(cohort!.members.map(String)).toContain(String(user!._id));

    const link = await latestLink('mira@example.org');
    const token = link.split('/').pop()!;
    const invitation = await Invitation.findOne({ user: user!._id }).lean();
    expect(invitation!.tokenHash).toMatch(/^[a-f0-9]{64}$/);
    expect(JSON.stringify(invitation)).not.toContain(token);
    const days = (invitation!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const mail = await OutboxMail.findOne({ to: 'mira@example.org' }).lean();
    expect(mail).toMatchObject({ status: 'sent', transport: 'file' });
    const eml = await simpleParser(
      readFileSync(path.join(config.dataDir, 'outbox', mail!.emlFile!)),
    );
    expect(eml.to).toMatchObject({ text: 'mira@example.org' });
    expect(eml.subject).toBe('Your invitation to Atelier, the Library Innovators Programme');
    expect(eml.text).toContain(`http://localhost:3000${link}`);
    expect(eml.html).toContain(`href="http://localhost:3000${link}"`);
  });

  it('refuses an email that already has an account, beside the email field', async () => {
    const member = await createUser({ email: 'taken@example.org' });
    const res = await inviteOne({ name: 'Someone', email: member.email });
    expect(res.status).toBe(422);
    expect(res.text).toContain('taken@example.org already has an account.');
    expect(res.text).toMatch(/id="field-email"[^>]*aria-invalid="true"/);
    expect(await Invitation.countDocuments()).toBe(0);
  });

  it('refuses a missing name and an unknown role with messages beside the fields', async () => {
    const res = await inviteOne({ name: '', email: 'x@example.org', role: 'wizard' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the name.');
    expect(res.text).toContain('Choose a role.');
    expect(await User.countDocuments({ email: 'x@example.org' })).toBe(0);
  });
});

describe('accepting', () => {
  it('sets name and password, signs in and lands on the dashboard', async () => {
    await inviteOne({ name: 'Ana', email: 'ana@example.org' });
    const link = await latestLink('ana@example.org');
    const visitor = await csrfAgent(app, link);
    const page = await visitor.get(link).expect(200);
    expect(page.text).toContain('You were invited as <strong>ana@example.org</strong>');
    expect(page.text).toContain('value="Ana"');

    const res = await visitor.postForm(
      link,
      { name: 'Ana Petrović', newPassword: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD },
      { tokenFrom: link },
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(await signedInAs(visitor)).toBe('Ana Petrović');
    const user = await User.findOne({ email: 'ana@example.org' }).lean();
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.activatedAt).toBeInstanceOf(Date);
    expect((await Invitation.findOne({ user: user!._id }).lean())!.usedAt).toBeInstanceOf(Date);

    // The link is single-use.
    const again = await csrfAgent(app, '/login');
    const used = await again.get(link);
    expect(used.status).toBe(410);
    expect(used.text).toContain('This invitation has already been accepted');
  });

  it('refuses short, common and mismatched passwords and keeps the link usable', async () => {
    await inviteOne({ name: 'Ben', email: 'ben@example.org' });
    const link = await latestLink('ben@example.org');
    const visitor = await csrfAgent(app, link);
    const cases: Array<[string, string, string]> = [
      ['short-pass', 'short-pass', 'Use at least 12 characters.'],
      ['password1234', 'password1234', 'too common'],
      ['qwertyuiop12', 'qwertyuiop12', 'too common'],
      [GOOD_PASSWORD, `${GOOD_PASSWORD}x`, 'The two passwords are not the same.'],
    ];
    for (const [newPassword, confirmPassword, message] of cases) {
      const res = await visitor.postForm(
        link,
        { name: 'Ben', newPassword, confirmPassword },
        { tokenFrom: link },
      );
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).not.toContain(`value="${newPassword}"`);
    }
    expect((await User.findOne({ email: 'ben@example.org' }).lean())!.passwordHash).toBeNull();
    await visitor.get(link).expect(200);
  });

  it('shows a clear page for an expired link and for an invalid one', async () => {
    await inviteOne({ name: 'Cleo', email: 'cleo@example.org' });
    const link = await latestLink('cleo@example.org');
    await Invitation.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const visitor = await csrfAgent(app, '/login');
    const expired = await visitor.get(link);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This invitation has expired');
    const post = await visitor.postForm(
      link,
      { name: 'Cleo', newPassword: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD },
      { tokenFrom: '/login' },
    );
    expect(post.status).toBe(410);
    expect((await User.findOne({ email: 'cleo@example.org' }).lean())!.passwordHash).toBeNull();

    const invalid = await visitor.get(`/invitations/${'A'.repeat(43)}`);
    expect(invalid.status).toBe(404);
    expect(invalid.text).toContain('This invitation link is not valid');
    expect((await visitor.get('/invitations/short')).status).toBe(404);
  });
});

describe('re-inviting', () => {
  it('replaces the old link: the old one is invalid, the new one works', async () => {
    await inviteOne({ name: 'Dora', email: 'dora@example.org' });
    const first = await latestLink('dora@example.org');
    const user = await User.findOne({ email: 'dora@example.org' }).lean();
    const res = await admin.postForm(`/admin/people/${user!._id}/reinvite`, {});
    expect(res.status).toBe(303);
    const second = await latestLink('dora@example.org');
    expect(second).not.toBe(first);
    expect(await Invitation.countDocuments({ user: user!._id, replacedAt: null })).toBe(1);

    const visitor = await csrfAgent(app, '/login');
    const old = await visitor.get(first);
    expect(old.status).toBe(404);
    expect(old.text).toContain('a newer invitation has replaced it');
    await visitor.get(second).expect(200);
  });

  it('inviting the same email again also replaces the link', async () => {
    await inviteOne({ name: 'Eli', email: 'eli@example.org' });
    const first = await latestLink('eli@example.org');
    await inviteOne({ name: 'Eli', email: 'eli@example.org', role: 'mentor' });
    expect(await latestLink('eli@example.org')).not.toBe(first);
    expect((await User.findOne({ email: 'eli@example.org' }).lean())!.roles.sort()).toEqual([
      'innovator',
      'mentor',
    ]);
    expect(await User.countDocuments({ email: 'eli@example.org' })).toBe(1);
  });
});

describe('inviting many (CSV)', () => {
  it('sends the good lines and names each bad line with its reason', async () => {
    await createCohort({ slug: 'autumn-2026' });
    await createUser({ email: 'member@example.org' });
    const csv = [
      'name,email,role,country,cohort',
      'Ana Kovač,ana@example.org,innovator,HR,autumn-2026',
      'Bad Email,not-an-email,innovator,RS,',
      '"Petrović, Marko",marko@example.org,Mentor,Serbia,',
      'Zed,zed@example.org,wizard,RS,',
      'Existing,member@example.org,innovator,RS,',
      'Nowhere,nowhere@example.org,innovator,Atlantis,',
      'Ghost cohort,ghost@example.org,innovator,AL,no-such-cohort',
      'Ana again,ana@example.org,innovator,HR,',
    ].join('\n');
    const res = await admin.postForm('/admin/invitations/bulk', { csv });
    expect(res.status).toBe(200);
    expect(res.text).toContain('2 invitations sent');
    expect(res.text).toContain('6 lines were not sent');
    for (const [line, reason] of [
      [3, '&#34;not-an-email&#34; is not a valid email address'],
      [5, '&#34;wizard&#34; is not a role'],
      [6, 'member@example.org already has an account.'],
      [7, '&#34;Atlantis&#34; is not one of the programme&#39;s countries'],
      [8, 'There is no cohort &#34;no-such-cohort&#34;.'],
      [9, 'ana@example.org already appears on line 2'],
    ] as const) {
      expect(res.text).toMatch(
        new RegExp(
          `Line ${line} \\(<code>[^<]*</code>\\): ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
    }
    const marko = await User.findOne({ email: 'marko@example.org' }).lean();
    expect(marko).toMatchObject({ name: 'Petrović, Marko', roles: ['mentor'], countries: ['RS'] });
    expect(
      await User.countDocuments({ email: { $in: ['ana@example.org', 'marko@example.org'] } }),
    ).toBe(2);
    expect(
      await User.countDocuments({
        email: { $in: ['zed@example.org', 'ghost@example.org', 'nowhere@example.org'] },
      }),
    ).toBe(0);
    expect(await OutboxMail.countDocuments({ kind: 'invitation' })).toBe(2);
    expect(existsSync(path.join(config.dataDir, 'outbox'))).toBe(true);
  });
});
