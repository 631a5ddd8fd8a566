/**
 * Lesson files: images and resources go through the uploads feature (type checked on the bytes,
 * size limit from config, random stored names) and are downloaded through a route that checks
 * the viewer may see the lesson (draft: authors/admins; published: any signed-in person).
 */
import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { buildTestApp } from '../../helpers/app.js';
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { anonymousAgent, loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { authoringTestApp } from './helpers.js';
import { LessonAsset } from '../../../server/features/curriculum/lesson-asset.model.js';
import { publishContent } from '../../../server/features/curriculum/lesson-store.service.js';
import {
  getModuleDraft,
  publishModule,
} from '../../../server/features/curriculum/module-publishing.service.js';
import { createLessonInModule } from '../../../server/features/curriculum/lesson-structure.service.js';
import { createModule } from '../../../server/features/curriculum/structure.service.js';

const { app, config } = authoringTestApp();
const small = buildTestApp({ uploadMaxBytes: 2000 });
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
let author: CsrfAgent;
let learner: CsrfAgent;

beforeEach(async () => {
  author = await loginAs(app, await createUser({ roles: ['author'] }));
  learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
});

async function addResource(
  agent: CsrfAgent,
  lessonId: string,
  version: number,
  file: Buffer,
  name: string,
) {
  await agent.refreshToken(`/authoring/lessons/${lessonId}`);
  return agent
    .postMultipart(`/authoring/lessons/${lessonId}/blocks`)
    .field('type', 'resource')
    .field('version', String(version))
    .field('action', 'save')
    .field('id', 'planning-template')
    .field('title', 'Planning template')
    .attach('file', file, name);
}

describe('uploading lesson files', () => {
  it('stores a resource under a random name, keeps its original name and hash', async () => {
    const lesson = await lessonBySlug('sharing');
    const res = await addResource(
      author,
      lesson.id,
      lesson.version,
      PDF,
      'Plan za biblioteku – Šabac.pdf',
    );
    expect(res.status).toBe(303);
    const block = (await lessonBySlug('sharing')).draft.blocks.find(
      (b) => b.id === 'planning-template',
    );
    expect(block?.type).toBe('resource');
    if (block?.type !== 'resource') return;
    expect(block.file).toMatchObject({
      originalName: 'Plan za biblioteku – Šabac.pdf',
      mime: 'application/pdf',
      size: PDF.length,
    });
    expect(block.file.storedName).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    expect(readdirSync(config.uploadsDir)).toContain(block.file.storedName);
    expect(
      await LessonAsset.countDocuments({ storedName: block.file.storedName, kind: 'resource' }),
    ).toBe(1);
  });

  it('refuses a file whose bytes are not an allowed type, whatever its name, and keeps nothing', async () => {
    const before = readdirSync(config.uploadsDir).sort();
    const lesson = await lessonBySlug('sharing');
    await author.refreshToken(`/authoring/lessons/${lesson.id}`);
    const res = await author
      .postMultipart(`/authoring/lessons/${lesson.id}/images`)
      .attach('file', Buffer.from('#!/bin/sh\necho not an image\n'), 'photo.png');
    expect(res.status).toBe(415);
    expect(res.text).toContain('is not an accepted type of file');
    const exe = await addResource(
      author,
      lesson.id,
      lesson.version,
      Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]),
      'template.pdf',
    );
    expect(exe.status).toBe(415);
    expect(readdirSync(config.uploadsDir).sort()).toEqual(before);
    expect((await lessonBySlug('sharing')).version).toBe(lesson.version);
  });

  it('refuses a file over the configured size limit with 413 naming the limit', async () => {
    const smallAuthor = await loginAs(small.app, await createUser({ roles: ['author'] }));
    const lesson = await lessonBySlug('sharing');
    await smallAuthor.refreshToken(`/authoring/lessons/${lesson.id}`);
    // Too big is refused while streaming, before the bytes are even looked at.
    const big = Buffer.concat([
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
      Buffer.alloc(5000),
    ]);
    expect(big.length).toBeGreaterThan(2000);
    const res = await smallAuthor
      .postMultipart(`/authoring/lessons/${lesson.id}/images`)
      .attach('file', big, 'big.png');
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/at most 2(\.0)? ?KB|2000 bytes|1\.95 KB/i);
    expect(readdirSync(small.config.uploadsDir)).toEqual([]);
  });

  it('gives the author a Markdown line for an uploaded image', async () => {
    const lesson = await lessonBySlug('sharing');
    await author.refreshToken(`/authoring/lessons/${lesson.id}`);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const res = await author
      .postMultipart(`/authoring/lessons/${lesson.id}/images`)
      .field('returnTo', `/authoring/lessons/${lesson.id}`)
      .attach('file', png, 'reading-room.png');
    expect(res.status).toBe(303);
    const page = await author.get(`/authoring/lessons/${lesson.id}`);
    expect(page.text).toMatch(/!\[description\]\(\/curriculum\/assets\/[0-9a-f-]{36}\.png\)/);
  });
});

describe('downloading lesson files', () => {
  it('serves a draft-only file to authors, and to learners only once the lesson is published', async () => {
    const lesson = await lessonBySlug('first-steps');
    expect((await addResource(author, lesson.id, lesson.version, PDF, 'plan.pdf')).status).toBe(
      303,
    );
    const block = (await lessonBySlug('first-steps')).draft.blocks.find(
      (b) => b.id === 'planning-template',
    );
    const url = `/curriculum/assets/${block?.type === 'resource' ? block.file.storedName : 'missing'}`;

    expect((await learner.get(url)).status).toBe(404);
    const asAuthor = await author.get(url);
    expect(asAuthor.status).toBe(200);
    expect(asAuthor.headers['content-disposition']).toContain('attachment; filename="plan.pdf"');
    expect(asAuthor.headers['x-content-type-options']).toBe('nosniff');
    const anonymous = await anonymousAgent(app);
    expect((await anonymous.get(url)).status).toBe(303);

    await author.postForm(
      `/authoring/lessons/${lesson.id}/publish`,
      { version: String(lesson.version + 1), note: 'Added the template' },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    const asLearner = await learner.get(url);
    expect(asLearner.status).toBe(200);
    expect(
      Buffer.from(asLearner.body as Buffer).equals(PDF) || asLearner.text === PDF.toString(),
    ).toBe(true);
  });

  it('serves a published lesson’s file inside a module never published to authors and admins only', async () => {
    const hidden = await createModule({
      slug: 'hidden-module',
      title: 'Hidden module',
      intro: '',
      outcomes: [],
      effortHours: 1,
      prerequisites: [],
    });
    const made = await createLessonInModule(String(hidden._id), {
      slug: 'hidden-lesson',
      title: 'Hidden lesson',
    });
    expect(
      (await addResource(author, String(made._id), made.version, PDF, 'hidden.pdf')).status,
    ).toBe(303);
    const lesson = await lessonBySlug('hidden-lesson');
    await publishContent(lesson.id, lesson.version, lesson.draft, {
      kind: 'publish',
      note: 'Published before its module',
    });
    const block = (await lessonBySlug('hidden-lesson')).published?.blocks.find(
      (b) => b.type === 'resource',
    );
    const url = `/curriculum/assets/${block?.type === 'resource' ? block.file.storedName : 'missing'}`;

    expect((await learner.get(url)).status).toBe(404);
    expect((await learner.get('/learn/hidden-module/hidden-lesson')).status).toBe(404);
    expect((await author.get(url)).status).toBe(200);
    const adminUser = await createUser({ roles: ['admin'] });
    expect((await (await loginAs(app, adminUser)).get(url)).status).toBe(200);

    // Once the module is published, learners may download it like any published lesson's file.
    const draft = await getModuleDraft(String(hidden._id));
    await publishModule(String(hidden._id), draft.version, 'Ready', {
      id: adminUser.id,
      name: adminUser.name,
    });
    expect((await learner.get(url)).status).toBe(200);
  });

  it('serves an imported resource of a published lesson to any signed-in person, and nothing for unknown names', async () => {
    const lesson = await lessonBySlug('first-steps');
    const block = lesson.published?.blocks.find((b) => b.type === 'resource');
    const res = await learner.get(
      `/curriculum/assets/${block?.type === 'resource' ? block.file.storedName : ''}`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('Experiment checklist');
    expect(
      (await learner.get('/curriculum/assets/00000000-0000-0000-0000-000000000000.pdf')).status,
    ).toBe(404);
    expect((await learner.get('/curriculum/assets/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });
});
