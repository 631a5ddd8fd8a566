/** The profile: fields, the photo (checked on its bytes, 2 MB, 256px thumbnail), who sees it. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { resetRateLimits } from '../../../server/features/auth/rate-limits.js';
import { User } from '../../../server/features/users/user.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { assignMentor, createCohort, createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
const GIF_1PX = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();
}

function storedFiles(): string[] {
  return existsSync(config.uploadsDir)
    ? readdirSync(config.uploadsDir).filter((f) => !f.startsWith('.'))
    : [];
}

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await resetRateLimits();
});
afterAll(disconnect);

describe('profile fields', () => {
  it('saves name, library, city, country, languages, bio and interface language', async () => {
    const user = await createUser({ country: 'RS' });
    const agent = await loginAs(app, user);
    const form = await agent.get('/profile').expect(200);
    expect(form.text).toContain('<h1>Your profile</h1>');
    const res = await agent.postForm('/profile', {
      name: 'Jelena Marić',
      library: 'Narodna biblioteka Šabac',
      city: 'Šabac',
      country: 'BA',
      languages: 'Serbian, English,  German, English',
      bio: 'I run the makerspace.',
      locale: 'sr',
    });
    expect(res.status).toBe(303);
    const saved = await User.findById(user.id).lean();
    expect(saved).toMatchObject({
      name: 'Jelena Marić',
      countries: ['BA'],
      profile: {
        library: 'Narodna biblioteka Šabac',
        city: 'Šabac',
        country: 'BA',
        languages: ['Serbian', 'English', 'German'],
        bio: 'I run the makerspace.',
        locale: 'sr',
      },
    });
    const again = await agent.get('/profile').expect(200);
    expect(again.text).toContain('value="Narodna biblioteka Šabac"');
  });

  it('re-renders with messages beside the fields and what was typed', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const res = await agent.postForm('/profile', {
      name: '',
      city: 'Tirana',
      country: 'ZZ',
      bio: 'x'.repeat(1001),
      locale: 'tlh',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter your name.');
    expect(res.text).toContain('Choose a country from the list.');
    expect(res.text).toContain('Use at most 1000 characters.');
    expect(res.text).toContain('Choose a language from the list.');
    expect(res.text).toContain('value="Tirana"');
    expect((await User.findById(user.id).lean())!.name).toBe(user.name);
  });

  it('stores the chosen time zone, offers the region first, and an empty choice clears it', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const form = await agent.get('/profile').expect(200);
    expect(form.text).toContain('<option value="Europe/Tirane">');
    expect(form.text.indexOf('value="Europe/Ljubljana"')).toBeLessThan(
      form.text.indexOf('value="Africa/Abidjan"'),
    );
    await agent
      .postForm('/profile', { name: user.name, timeZone: 'Europe/Athens' })
      .then((r) => expect(r.status).toBe(303));
    expect((await User.findById(user.id).lean())!.profile.timeZone).toBe('Europe/Athens');
    const again = await agent.get('/profile').expect(200);
    expect(again.text).toMatch(/<option value="Europe\/Athens" selected>/);
    await agent.postForm('/profile', { name: user.name, timeZone: '' });
    expect((await User.findById(user.id).lean())!.profile.timeZone).toBeUndefined();
  });

  it('refuses an unknown time zone with a message and keeps what was typed', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const res = await agent.postForm('/profile', {
      name: 'Ana Kovač',
      city: 'Zagreb',
      timeZone: 'Mars/Olympus_Mons',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose a time zone from the list.');
    expect(res.text).toContain('value="Ana Kovač"');
    expect(res.text).toContain('value="Zagreb"');
    expect((await User.findById(user.id).lean())!.profile.timeZone).toBeUndefined();
  });

  it('an ambassador keeps the countries they follow when editing their own country', async () => {
    const amb = await createUser({ roles: ['ambassador'], country: 'AL', countries: ['AL', 'XK'] });
    const agent = await loginAs(app, amb);
    await agent.postForm('/profile', { name: amb.name, country: 'MK' });
    expect((await User.findById(amb.id).lean())!.countries).toEqual(['AL', 'XK']);
  });
});

describe('photo', () => {
  it('keeps a 256px WebP thumbnail, replaces the old one, and serves it to signed-in people only', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const res = await agent
      .postMultipart('/profile/photo')
      .attach('photo', await png(800, 600), 'me.png');
    expect(res.status).toBe(303);
    const first = (await User.findById(user.id).lean())!.profile.photo!;
    expect(first).toMatch(/\.webp$/);
    expect(storedFiles()).toEqual([first]);
    const meta = await sharp(path.join(config.uploadsDir, first)).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });

    const jpeg = await sharp(await png(300, 300))
      .jpeg()
      .toBuffer();
    await agent.postMultipart('/profile/photo').attach('photo', jpeg, 'new.jpg').expect(303);
    const second = (await User.findById(user.id).lean())!.profile.photo!;
    expect(second).not.toBe(first);
    expect(storedFiles()).toEqual([second]);

    const other = await loginAs(app, await createUser());
    const img = await other.get(`/people/${user.id}/photo`).expect(200);
    expect(img.headers['content-type']).toBe('image/webp');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    const anon = await request(app).get(`/people/${user.id}/photo`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/login/);

    await agent.postForm('/profile/photo/remove', {}).then((r) => expect(r.status).toBe(303));
    expect((await User.findById(user.id).lean())!.profile.photo).toBeUndefined();
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a GIF, a text file called .jpg and a file over 2 MB, keeping nothing', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    const gif = await agent.postMultipart('/profile/photo').attach('photo', GIF_1PX, 'anim.gif');
    expect(gif.status).toBe(415);
    expect(gif.text).toContain('A photo must be a JPEG, PNG or WebP image.');
    const fake = await agent
      .postMultipart('/profile/photo')
      .attach('photo', Buffer.from('just text, really'), 'photo.jpg');
    expect(fake.status).toBe(415);
    const big = Buffer.concat([await png(10, 10), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const tooBig = await agent.postMultipart('/profile/photo').attach('photo', big, 'big.png');
    expect(tooBig.status).toBe(413);
    expect((await User.findById(user.id).lean())!.profile.photo).toBeUndefined();
    expect(storedFiles()).toEqual([]);
  });

  it('needs the CSRF token on the upload form', async () => {
    const user = await createUser();
    const agent = await loginAs(app, user);
    await agent
      .post('/profile/photo')
      .set('Accept', 'text/html')
      .attach('photo', await png(50, 50), 'me.png')
      .expect(403);
    expect(storedFiles()).toEqual([]);
  });
});

describe("someone's profile page", () => {
  it('shows the mentee to their mentor and hides other innovators (404)', async () => {
    const mentor = await createUser({ roles: ['mentor'] });
    const mine = await createUser({ name: 'My Mentee' });
    const theirs = await createUser({ name: 'Not Mine' });
    const cohort = await createCohort({ members: [mine.id, theirs.id, mentor.id] });
    await assignMentor(cohort.id, mine.id, mentor.id);
    await User.updateOne({ _id: mine.id }, { $set: { 'profile.bio': 'Loves <b>maps</b>' } });
    const agent = await loginAs(app, mentor);
    const page = await agent.get(`/people/${mine.id}`).expect(200);
    expect(page.text).toContain('<h1 id="person-title">My Mentee</h1>');
    expect(page.text).toContain('Loves &lt;b&gt;maps&lt;/b&gt;');
    const hidden = await agent.get(`/people/${theirs.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('Not Mine');
  });
});
