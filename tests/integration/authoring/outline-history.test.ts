/**
 * History, restore and concurrent edits for a module's and the programme's texts, as for
 * lessons: revisions with a readable diff, a restore is a new revision, a stale second save is
 * refused with the second author's text shown back; and the importer's hook records revisions.
 */
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { authoringTestApp, moduleBySlug, submitForm } from './helpers.js';
import { getPublishedProgramme } from '../../../server/features/curriculum/curriculum.service.js';
import { publishModuleFields } from '../../../server/features/curriculum/module-publishing.service.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import {
  ModuleRevision,
  ProgrammeRevision,
} from '../../../server/features/curriculum/outline-revision.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';

const { app } = authoringTestApp();

const moduleId = async (slug: string) => String((await moduleBySlug(slug))._id);

const fields = (title: string, intro: string, version: number) => ({
  version: String(version),
  slug: 'going-further',
  title,
  intro,
  outcomes: 'Share one result.',
  effortHours: '3',
});

async function editAndPublishModule(
  author: CsrfAgent,
  id: string,
  title: string,
  intro: string,
  note: string,
) {
  const { version } = (await CourseModule.findById(id).lean())!;
  const page = `/authoring/modules/${id}/edit`;
  await submitForm(author, `/authoring/modules/${id}`, fields(title, intro, version), page);
  const publish = { version: String(version + 1), note };
  await submitForm(author, `/authoring/modules/${id}/publish`, publish, page);
}

describe('module history', () => {
  it('lists revisions with who and why, shows a line diff, and restores one as a new revision', async () => {
    const author = await loginAs(
      app,
      await createUser({ roles: ['author'], name: 'Goran Author' }),
    );
    const id = await moduleId('going-further');
    await editAndPublishModule(
      author,
      id,
      'Going further',
      'Work with libraries in Ohrid.',
      'Named a town',
    );
    await editAndPublishModule(
      author,
      id,
      'Going further together',
      'Work with libraries in Ohrid.',
      'New title',
    );

    const history = await author.get(`/authoring/modules/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('Goran Author');
    expect(history.text).toContain('Named a town');
    expect(history.text).toContain('Import from files');
    expect(history.text).toMatch(
      /<del class="diff-del"><span class="visually-hidden">Removed: <\/span>- title: Going further\n/,
    );
    expect(history.text).toMatch(
      /<ins class="diff-add"><span class="visually-hidden">Added: <\/span>\+ title: Going further together\n/,
    );
    const second = await author.get(`/authoring/modules/${id}/history?revision=2`);
    expect(second.text).toContain('Changes in revision 2 (compared with revision 1)');
    expect(second.text).toContain('+ Work with libraries in Ohrid.');

    const { version } = (await CourseModule.findById(id).lean())!;
    const restore = await author.postForm(
      `/authoring/modules/${id}/history/1/restore`,
      { version: String(version) },
      { tokenFrom: `/authoring/modules/${id}/history` },
    );
    expect(restore.status).toBe(303);
    const restored = await CourseModule.findById(id).lean();
    const baseline = await ModuleRevision.findOne({ owner: id, number: 1 }).lean();
    expect(restored).toMatchObject({
      title: 'Going further',
      intro: baseline?.fields.intro,
      publishedRevision: 4,
      draft: null,
    });
    const revisions = await ModuleRevision.find({ owner: id }).sort({ number: 1 }).lean();
    expect(revisions.map((r) => [r.number, r.kind, r.note])).toEqual([
      [1, 'import', 'Imported from files'],
      [2, 'publish', 'Named a town'],
      [3, 'publish', 'New title'],
      [4, 'restore', 'Restored revision 1'],
    ]);
    clearCourseCache();
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    expect((await learner.get('/learn/going-further')).text).not.toContain('Ohrid');
  });

  it('refuses a second author’s stale save and shows their text back; nothing is overwritten', async () => {
    const first = await loginAs(app, await createUser({ roles: ['author'] }));
    const second = await loginAs(app, await createUser({ roles: ['author'] }));
    const id = await moduleId('going-further');
    const page = `/authoring/modules/${id}/edit`;
    // Version 2: the import published the module's texts as revision 1.
    expect((await first.get(page)).text).toContain('name="version" value="2"');
    expect((await second.get(page)).text).toContain('name="version" value="2"');

    expect(
      (
        await first.postForm(`/authoring/modules/${id}`, fields('First title', 'First intro.', 2), {
          tokenFrom: page,
        })
      ).status,
    ).toBe(303);
    const refused = await second.postForm(
      `/authoring/modules/${id}`,
      fields('Second title', 'Second <careful> intro.', 2),
      { tokenFrom: page },
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This module changed since you opened it.');
    expect(refused.text).toContain('Second &lt;careful&gt; intro.</textarea>');
    expect(refused.text).toContain('value="Second title"');
    // The re-shown form carries the new version, so saving again (deliberately) works.
    expect(refused.text).toContain('name="version" value="3"');
    expect((await CourseModule.findById(id).lean())?.draft).toMatchObject({
      title: 'First title',
      intro: 'First intro.',
    });

    const stalePublish = await second.postForm(
      `/authoring/modules/${id}/publish`,
      { version: '2', note: 'Old view' },
      { tokenFrom: page },
    );
    expect(stalePublish.status).toBe(409);
    expect(stalePublish.text).toContain('This module changed since you opened it.');
    expect((await CourseModule.findById(id).lean())?.title).toBe('Going further');
  });
});

describe('programme texts', () => {
  it('keeps a new title in the draft until published, with history and a stale-save refusal', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'], name: 'Mira Author' }));
    const other = await loginAs(app, await createUser({ roles: ['author'] }));
    const learner = await loginAs(app, await createUser({ roles: ['innovator'] }));
    const page = '/authoring/programme';
    expect((await other.get(page)).text).toContain('name="version" value="2"');
    const save = await author.postForm(
      page,
      {
        version: '2',
        title: 'Library Innovators',
        summary: 'S',
        description: 'Made in *Novi Sad*.',
      },
      { tokenFrom: page },
    );
    expect(save.status).toBe(303);
    expect((await Programme.findOne().lean())?.draft?.title).toBe('Library Innovators');

    clearCourseCache();
    expect((await learner.get('/learn')).text).toContain('<h1>Mini Programme</h1>');
    expect((await getPublishedProgramme())?.title).toBe('Mini Programme');
    expect((await author.get('/authoring')).text).toContain('Programme texts: unpublished changes');
    const preview = await author.get(`${page}/preview`);
    expect(preview.text).toContain('<h1>Library Innovators</h1>');
    expect(preview.text).toContain('<em>Novi Sad</em>');

    const stale = await other.postForm(
      page,
      { version: '2', title: 'Other title', summary: '', description: 'Other <b> text' },
      { tokenFrom: page },
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('The programme changed since you opened it.');
    expect(stale.text).toContain('Other &lt;b&gt; text</textarea>');

    expect(
      (
        await author.postForm(
          `${page}/publish`,
          { version: '3', note: 'Full name' },
          { tokenFrom: page },
        )
      ).status,
    ).toBe(303);
    clearCourseCache();
    expect((await learner.get('/learn')).text).toContain('<h1>Library Innovators</h1>');
    expect((await getPublishedProgramme())?.descriptionHtml).toContain('<em>Novi Sad</em>');

    const history = await author.get(`${page}/history`);
    expect(history.text).toContain('Mira Author');
    expect(history.text).toContain('Full name');
    expect(history.text).toContain('+ title: Library Innovators');
    const restore = await author.postForm(
      `${page}/history/1/restore`,
      { version: '4' },
      { tokenFrom: `${page}/history` },
    );
    expect(restore.status).toBe(303);
    const programme = await Programme.findOne().lean();
    expect(programme).toMatchObject({ title: 'Mini Programme', publishedRevision: 3 });
    const revisions = await ProgrammeRevision.find().sort({ number: 1 }).lean();
    expect(revisions.map((r) => [r.number, r.kind, r.note])).toEqual([
      [1, 'import', 'Imported from files'],
      [2, 'publish', 'Full name'],
      [3, 'restore', 'Restored revision 1'],
    ]);
  });
});

describe('the importer’s hook', () => {
  it('publishes imported module texts as a revision "Imported from files", once', async () => {
    const id = await moduleId('going-further');
    const current = (await CourseModule.findById(id).lean())!;
    const texts = {
      title: 'Going further',
      intro: 'From the files.',
      outcomes: current.outcomes,
      effortHours: 4,
      prerequisites: current.prerequisites,
    };
    const meta = { kind: 'import' as const, note: 'Imported from files', author: null };
    expect(await publishModuleFields(id, texts, meta)).toBe(2);
    expect(await publishModuleFields(id, texts, meta)).toBe(2);
    const revisions = await ModuleRevision.find({ owner: id }).sort({ number: 1 }).lean();
    expect(revisions.map((r) => [r.number, r.kind, r.note])).toEqual([
      [1, 'import', 'Imported from files'],
      [2, 'import', 'Imported from files'],
    ]);
    expect(await CourseModule.findById(id).lean()).toMatchObject({
      intro: 'From the files.',
      effortHours: 4,
      draft: null,
    });
  });
});
