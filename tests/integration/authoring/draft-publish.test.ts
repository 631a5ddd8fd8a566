/**
 * Draft vs published per role: authors edit drafts and preview them, learners only ever see the
 * published version; publishing records a revision and learners then see the new text.
 */
import { firstText, lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { anonymousAgent, loginAs } from '../../helpers/login.js';
import { authoringTestApp } from './helpers.js';
import { getLesson } from '../../../server/features/curriculum/curriculum.service.js';
import { LessonRevision } from '../../../server/features/curriculum/lesson-revision.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';

const { app } = authoringTestApp();

describe('who may author', () => {
  it('sends visitors to sign in and refuses innovators, mentors and ambassadors', async () => {
    const anonymous = await anonymousAgent(app);
    const res = await anonymous.get('/authoring');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
    for (const role of ['innovator', 'mentor', 'ambassador'] as const) {
      const agent = await loginAs(app, await createUser({ roles: [role] }));
      expect((await agent.get('/authoring')).status).toBe(403);
      const lesson = await lessonBySlug('sharing');
      expect((await agent.get(`/authoring/lessons/${lesson.id}/preview`)).status).toBe(403);
      expect(
        (
          await agent.postForm(`/authoring/lessons/${lesson.id}/publish`, {
            version: String(lesson.version),
            note: 'x',
          })
        ).status,
      ).toBe(403);
    }
  });

  it('lets authors and admins see every module and lesson, drafts included', async () => {
    for (const role of ['author', 'admin'] as const) {
      const agent = await loginAs(app, await createUser({ roles: [role] }));
      const res = await agent.get('/authoring');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Getting started');
      expect(res.text).toContain('Sharing practice');
    }
  });
});

describe('draft and publish', () => {
  it('keeps an edit in the draft until it is published, then learners see it', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'], name: 'Ana Author' }));
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    const lesson = await lessonBySlug('first-steps');

    const save = await author.postForm(
      `/authoring/lessons/${lesson.id}/blocks/text-1`,
      {
        version: String(lesson.version),
        action: 'save',
        markdown: '## Tell the story\n\nWrite it down for colleagues in **Skopje** and Tirana.',
      },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    expect(save.status).toBe(303);

    const draft = await lessonBySlug('first-steps');
    expect(firstText(draft.draft)).toContain('Skopje');
    expect(firstText(draft.published)).not.toContain('Skopje');
    expect(draft.version).toBe(lesson.version + 1);

    // The learner's page and the read service still show the published text.
    const before = await learner.get('/learn/getting-started/first-steps');
    expect(before.status).toBe(200);
    expect(before.text).toContain('Libraries change because their towns change.');
    expect(before.text).not.toContain('Skopje');
    expect(JSON.stringify(await getLesson('getting-started', 'first-steps'))).not.toContain(
      'Skopje',
    );

    // The author's preview shows the draft, rendered as learners will see it.
    const preview = await author.get(`/authoring/lessons/${lesson.id}/preview`);
    expect(preview.text).toContain('<strong>Skopje</strong>');
    expect(preview.text).toContain('id="h-tell-the-story"');

    const publish = await author.postForm(
      `/authoring/lessons/${lesson.id}/publish`,
      { version: String(draft.version), note: 'Named the partner libraries' },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    expect(publish.status).toBe(303);
    const revision = await LessonRevision.findOne({ number: 2 }).lean();
    expect(revision).toMatchObject({
      kind: 'publish',
      authorName: 'Ana Author',
      note: 'Named the partner libraries',
    });

    clearCourseCache();
    const after = await learner.get('/learn/getting-started/first-steps');
    expect(after.text).toContain('<strong>Skopje</strong>');
  });

  it('keeps a new lesson invisible to learners until its first publish', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    const overview = await author.get('/authoring');
    const moduleId =
      /id="module-([0-9a-f]{24})"[\s\S]*?Getting started/.exec(overview.text)?.[1] ??
      /id="module-([0-9a-f]{24})"/.exec(overview.text)?.[1];
    const created = await author.postForm(
      `/authoring/modules/${moduleId}/lessons`,
      { title: 'Evening opening', slug: 'evening-opening' },
      { tokenFrom: '/authoring' },
    );
    expect(created.status).toBe(303);
    const lesson = await lessonBySlug('evening-opening');
    expect(lesson.publishedRevision).toBe(0);
    expect((await learner.get('/learn/getting-started/evening-opening')).status).toBe(404);
    expect(await getLesson('getting-started', 'evening-opening')).toBeNull();

    await author.postForm(
      `/authoring/lessons/${lesson.id}/blocks/text-1`,
      {
        version: String(lesson.version),
        action: 'save',
        markdown: 'Open until 7 pm twice a week.',
      },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    await author.postForm(
      `/authoring/lessons/${lesson.id}/publish`,
      { version: String(lesson.version + 1), note: 'First version' },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    clearCourseCache();
    const page = await learner.get('/learn/getting-started/evening-opening');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Open until 7 pm twice a week.');
  });

  it('refuses to publish without a change note and keeps the draft unpublished', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const lesson = await lessonBySlug('sharing');
    const res = await author.postForm(
      `/authoring/lessons/${lesson.id}/publish`,
      { version: String(lesson.version), note: '  ' },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Say in a few words what changed.');
    expect((await lessonBySlug('sharing')).publishedRevision).toBe(1);
  });
});
