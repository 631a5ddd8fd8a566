/** Changing one's password and email from the account pages. */
import { EmailChange } from '../../../server/features/auth/email-change.model.js';
import { OutboxMail } from '../../../server/features/mail/outbox-mail.model.js';
import { User } from '../../../server/features/users/user.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { useMailingApp } from '../../helpers/mailing-app.js';
import { csrfAgent } from '../../helpers/csrf.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs, signedInAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
const NEW_PASSWORD = 'Lighthouse-copper-fern-3';

useMailingApp(config);

describe('change password', () => {
  it('keeps this session, signs out the others', async () => {
    const user = await createUser();
    const here = await loginAs(app, user);
    const elsewhere = await loginAs(app, user);
    const res = await here.postForm('/account/password', {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(await signedInAs(here)).toBe(user.name);
    expect(await signedInAs(elsewhere)).toBeNull();
    await loginAs(app, { email: user.email, password: NEW_PASSWORD });
  });

  it('says which field is wrong and changes nothing', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const before = (await User.findById(user.id).lean())!.passwordHash;
    const wrong = await agent.postForm('/account/password', {
      currentPassword: 'not it at all',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Your current password is not right.');
    const weak = await agent.postForm('/account/password', {
      currentPassword: user.password,
      newPassword: 'abc',
      confirmPassword: 'abc',
    });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('Use at least 12 characters.');
    expect((await User.findById(user.id).lean())!.passwordHash).toBe(before);
  });

  it('refuses a form without a valid CSRF token (403) and changes nothing', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const before = (await User.findById(user.id).lean())!.passwordHash;
    const body = {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    };
    await agent.post('/account/password').type('form').send(body).expect(403);
    await agent
      .post('/account/password')
      .type('form')
      .send({ ...body, _csrf: 'a.b' })
      .expect(403);
    // A token minted for another session does not work either.
    const other = await csrfAgent(app, '/login');
    await agent
      .post('/account/password')
      .type('form')
      .send({ ...body, _csrf: other.csrfToken })
      .expect(403);
    expect((await User.findById(user.id).lean())!.passwordHash).toBe(before);
  });

  it('forces a person with a one-time password to change it before anything else', async () => {
    const user = await createUser({ roles: ['admin'], mustChangePassword: true });
    const agent = await csrfAgent(app, '/login');
    const login = await agent.postForm(
      '/login',
      { email: user.email, password: user.password },
      { tokenFrom: '/login' },
    );
    expect(login.headers.location).toBe('/account/password');
    const people = await agent.get('/admin/people');
    expect(people.status).toBe(303);
    expect(people.headers.location).toBe('/account/password');
    const page = await agent.get('/account/password').expect(200);
    expect(page.text).toContain('You signed in with a one-time password');
    const res = await agent.postForm(
      '/account/password',
      { currentPassword: user.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { tokenFrom: '/account/password' },
    );
    expect(res.headers.location).toBe('/');
    await agent.get('/admin/people').expect(200);
    expect((await User.findById(user.id).lean())!.mustChangePassword).toBe(false);
  });
});

describe('change email', () => {
  async function confirmLink(to: string): Promise<string> {
    const mail = await OutboxMail.findOne({ to, kind: 'email-change' }).lean();
    const match = /http:\/\/localhost:3000(\/account\/email\/confirm\/[A-Za-z0-9_-]{43})/.exec(
      mail?.text ?? '',
    );
    if (!match) throw new Error(`no confirmation link mailed to ${to}`);
    return match[1];
  }

  it('changes the email once the link sent to the new address is followed', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const res = await agent.postForm('/account/email', {
      email: 'New.Address@Example.org',
      currentPassword: user.password,
    });
    expect(res.status).toBe(303);
    expect((await User.findById(user.id).lean())!.email).toBe(user.email);
    const link = await confirmLink('new.address@example.org');

    const page = await agent.get(link).expect(200);
    expect(page.text).toContain('new.address@example.org');
    const confirm = await agent.postForm(link, {}, { tokenFrom: link });
    expect(confirm.status).toBe(303);
    expect((await User.findById(user.id).lean())!.email).toBe('new.address@example.org');
    await loginAs(app, { email: 'new.address@example.org', password: user.password });

    const reused = await agent.get(link);
    expect(reused.status).toBe(410);
    expect(reused.text).toContain('This link has already been used');
  });

  it('refuses a wrong password and an address someone else uses', async () => {
    const user = await createUser();
    const other = await createUser();
    const agent = await loginAs(app, user);
    const wrong = await agent.postForm('/account/email', {
      email: 'fresh@example.org',
      currentPassword: 'not my password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Your current password is not right.');
    const taken = await agent.postForm('/account/email', {
      email: other.email,
      currentPassword: user.password,
    });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('Another account already uses that email.');
    expect(await EmailChange.countDocuments()).toBe(0);
    expect(await OutboxMail.countDocuments()).toBe(0);
  });

  it('an expired confirmation link changes nothing', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    await agent.postForm('/account/email', {
      email: 'later@example.org',
      currentPassword: user.password,
    });
    const link = await confirmLink('later@example.org');
    await EmailChange.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1) } });
    const res = await agent.postForm(link, {});
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link has expired');
    expect((await User.findById(user.id).lean())!.email).toBe(user.email);
  });
});
