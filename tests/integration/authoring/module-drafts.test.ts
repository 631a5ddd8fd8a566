/**
 * A module's texts (title, intro, outcomes...) go through draft and publish like lesson content:
 * learners keep the published texts until an author publishes, authors preview the draft as the
 * learners' module page, and a module created in authoring stays hidden until its first publish.
 */
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { authoringTestApp, moduleBySlug } from './helpers.js';
import { getModule, listModules } from '../../../server/features/curriculum/curriculum.service.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { ModuleRevision } from '../../../server/features/curriculum/outline-revision.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';

const { app } = authoringTestApp();

const edited = {
  title: 'First steps in innovation',
  slug: 'getting-started',
  // Browsers send textareas with CRLF line ends.
  intro: 'Start with the **Bitola** reading room.\r\n\r\nThen visit Ohrid.',
  outcomes: 'Name two reasons libraries change.\nPlan one small experiment.',
  effortHours: '3',
};

async function saveDraft(author: CsrfAgent, moduleId: string, version: number) {
  return author.postForm(
    `/authoring/modules/${moduleId}`,
    { ...edited, version: String(version) },
    { tokenFrom: `/authoring/modules/${moduleId}/edit` },
  );
}

describe('who may see module and programme drafts', () => {
  it('refuses the preview, history and publish to everyone but authors and admins', async () => {
    const id = String((await moduleBySlug('getting-started'))._id);
    for (const role of ['innovator', 'mentor', 'ambassador'] as const) {
      const agent = await loginAs(app, await createUser({ roles: [role] }));
      expect((await agent.get(`/authoring/modules/${id}/preview`)).status).toBe(403);
      expect((await agent.get(`/authoring/modules/${id}/history`)).status).toBe(403);
      expect((await agent.get('/authoring/programme/preview')).status).toBe(403);
      const publish = await agent.postForm(`/authoring/modules/${id}/publish`, {
        version: '1',
        note: 'x',
      });
      expect(publish.status).toBe(403);
    }
    const admin = await loginAs(app, await createUser({ roles: ['admin'] }));
    expect((await admin.get(`/authoring/modules/${id}/preview`)).status).toBe(200);
    expect((await admin.get('/authoring/programme/preview')).status).toBe(200);
  });
});

describe('module texts: draft and publish', () => {
  it('keeps an edit in the draft for learners, shows it in the preview, then publishes it', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'], name: 'Ana Author' }));
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    const m = await moduleBySlug('getting-started');
    const id = String(m._id);

    // Version 2: the import published the module's texts as revision 1.
    const form = await author.get(`/authoring/modules/${id}/edit`);
    expect(form.text).toContain('name="version" value="2"');
    expect(form.text).toContain('Published');
    expect((await saveDraft(author, id, 2)).status).toBe(303);

    const stored = await moduleBySlug('getting-started');
    expect(stored.title).toBe('Getting started');
    expect(stored.draft?.title).toBe('First steps in innovation');
    expect(stored.draft?.intro).toBe(
      'Start with the **Bitola** reading room.\n\nThen visit Ohrid.',
    );
    expect(stored.version).toBe(3);

    // Learners (page and read service) still get the published texts.
    clearCourseCache();
    const before = await learner.get('/learn/getting-started');
    expect(before.status).toBe(200);
    expect(before.text).toContain('<h1>Getting started</h1>');
    expect(before.text).toContain('The intro of the first module.');
    expect(before.text).not.toContain('Bitola');
    expect((await getModule('getting-started'))?.title).toBe('Getting started');
    expect((await learner.get('/learn')).text).not.toContain('First steps in innovation');
    // ...and may not open the author's preview.
    expect((await learner.get(`/authoring/modules/${id}/preview`)).status).toBe(403);

    // The overview flags the pending draft; the preview is the learners' module page with the draft.
    const overview = await author.get('/authoring');
    expect(overview.text).toContain('Module published, with unpublished changes');
    const preview = await author.get(`/authoring/modules/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<h1>First steps in innovation</h1>');
    expect(preview.text).toContain('<strong>Bitola</strong>');
    expect(preview.text).toContain('about 3 hours of work');
    expect(preview.text).toContain('First steps');

    const publish = await author.postForm(
      `/authoring/modules/${id}/publish`,
      { version: '3', note: 'A town to start from' },
      { tokenFrom: `/authoring/modules/${id}/edit` },
    );
    expect(publish.status).toBe(303);
    const after = await moduleBySlug('getting-started');
    expect(after).toMatchObject({
      title: 'First steps in innovation',
      draft: null,
      effortHours: 3,
    });
    const revisions = await ModuleRevision.find({ owner: m._id }).sort({ number: 1 }).lean();
    // The import recorded the texts as revision 1, so the publish has something to compare with.
    expect(revisions.map((r) => [r.number, r.kind, r.authorName, r.note])).toEqual([
      [1, 'import', '', 'Imported from files'],
      [2, 'publish', 'Ana Author', 'A town to start from'],
    ]);

    clearCourseCache();
    const page = await learner.get('/learn/getting-started');
    expect(page.text).toContain('<h1>First steps in innovation</h1>');
    expect(page.text).toContain('<strong>Bitola</strong>');
    expect((await author.get('/authoring')).text).toContain('Module published (revision 2)');
  });

  it('refuses to publish without a change note, and when nothing is pending', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const id = String((await moduleBySlug('getting-started'))._id);
    const nothing = await author.postForm(
      `/authoring/modules/${id}/publish`,
      { version: '2', note: 'Nothing' },
      { tokenFrom: `/authoring/modules/${id}/edit` },
    );
    expect(nothing.status).toBe(409);
    expect(nothing.text).toContain('There are no unpublished changes to publish.');
    await saveDraft(author, id, 2);
    const noNote = await author.postForm(
      `/authoring/modules/${id}/publish`,
      { version: '3', note: ' ' },
      { tokenFrom: `/authoring/modules/${id}/edit` },
    );
    expect(noNote.status).toBe(422);
    expect(noNote.text).toContain('Say in a few words what changed.');
    expect((await moduleBySlug('getting-started')).title).toBe('Getting started');
    expect(await ModuleRevision.countDocuments({ kind: { $ne: 'import' } })).toBe(0);
  });

  it('drops the draft when it is saved back to the published texts', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const id = String((await moduleBySlug('getting-started'))._id);
    await saveDraft(author, id, 2);
    const back = await author.postForm(
      `/authoring/modules/${id}`,
      {
        version: '3',
        title: 'Getting started',
        slug: 'getting-started',
        intro: 'The intro of the first module.\n\nIt has two paragraphs.',
        outcomes: 'Name two reasons libraries change.\nPlan one small experiment.',
        effortHours: '2',
      },
      { tokenFrom: `/authoring/modules/${id}/edit` },
    );
    expect(back.status).toBe(303);
    expect((await moduleBySlug('getting-started')).draft).toBeNull();
    expect((await author.get('/authoring')).text).not.toContain('with unpublished changes');
  });
});

describe('a module stored before drafts existed', () => {
  it('opens at version 1, saves a draft and publishes, keeping its old texts as revision 1', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    const m = await moduleBySlug('getting-started');
    const id = String(m._id);
    // Written behind mongoose's back, as an older database holds it: none of the draft fields.
    await CourseModule.collection.updateOne(
      { _id: m._id },
      {
        $unset: {
          draft: '',
          version: '',
          publishedRevision: '',
          publishedAt: '',
          neverPublished: '',
        },
      },
    );
    // ...and no revisions (the fixture import recorded one).
    await ModuleRevision.deleteMany({ owner: m._id });
    clearCourseCache();
    expect((await learner.get('/learn/getting-started')).status).toBe(200);
    expect((await author.get(`/authoring/modules/${id}/edit`)).text).toContain(
      'name="version" value="1"',
    );
    expect((await saveDraft(author, id, 1)).status).toBe(303);
    const publish = await author.postForm(
      `/authoring/modules/${id}/publish`,
      { version: '2', note: 'First publish' },
      { tokenFrom: `/authoring/modules/${id}/edit` },
    );
    expect(publish.status).toBe(303);
    const revisions = await ModuleRevision.find({ owner: m._id }).sort({ number: 1 }).lean();
    expect(revisions.map((r) => [r.number, r.fields.title])).toEqual([
      [1, 'Getting started'],
      [2, 'First steps in innovation'],
    ]);
  });
});

describe('a module created in authoring', () => {
  it('stays hidden from learners, even with a published lesson, until the module is published', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    await author.postForm(
      '/authoring/modules',
      { title: 'Service design', slug: 'service-design', effortHours: '6', intro: 'Meet users.' },
      { tokenFrom: '/authoring/modules/new' },
    );
    const m = await moduleBySlug('service-design');
    const id = String(m._id);
    expect(m).toMatchObject({ neverPublished: true, publishedRevision: 0 });
    expect((await author.get('/authoring')).text).toContain('Module draft, never published');

    // A lesson published inside it is still invisible: the module itself is a draft.
    await author.postForm(
      `/authoring/modules/${id}/lessons`,
      { title: 'Personas', slug: 'personas' },
      { tokenFrom: '/authoring' },
    );
    const lesson = await lessonBySlug('personas');
    const page = `/authoring/lessons/${lesson.id}`;
    await author.postForm(
      `${page}/blocks/text-1`,
      { version: String(lesson.version), action: 'save', markdown: 'A persona from Prilep.' },
      { tokenFrom: page },
    );
    const lessonPublish = await author.postForm(
      `${page}/publish`,
      { version: String(lesson.version + 1), note: 'First version' },
      { tokenFrom: page },
    );
    expect(lessonPublish.status).toBe(303);
    expect((await author.get(page)).text).toContain(
      'Learners will see it once its module is published.',
    );
    clearCourseCache();
    expect((await listModules()).map((x) => x.slug)).toEqual(['getting-started', 'going-further']);
    expect((await learner.get('/learn/service-design')).status).toBe(404);
    expect((await learner.get('/learn/service-design/personas')).status).toBe(404);

    const publish = await author.postForm(
      `/authoring/modules/${id}/publish`,
      { version: '1', note: 'New module' },
      { tokenFrom: `/authoring/modules/${id}/edit` },
    );
    expect(publish.status).toBe(303);
    expect(await moduleBySlug('service-design')).toMatchObject({
      neverPublished: false,
      publishedRevision: 1,
      draft: null,
    });
    clearCourseCache();
    const visible = await learner.get('/learn/service-design');
    expect(visible.status).toBe(200);
    expect(visible.text).toContain('<h1>Service design</h1>');
    expect((await learner.get('/learn/service-design/personas')).text).toContain(
      'A persona from Prilep.',
    );
  });
});
