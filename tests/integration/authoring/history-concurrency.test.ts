/**
 * Revision history with a readable diff, restore as a new revision, and two authors editing the
 * same lesson: the second save is refused and the second author's text is shown back.
 */
import { firstText, lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import { authoringTestApp, submitForm } from './helpers.js';
import { LessonRevision } from '../../../server/features/curriculum/lesson-revision.model.js';

const { app } = authoringTestApp();

async function editAndPublish(
  agent: Awaited<ReturnType<typeof loginAs>>,
  slug: string,
  markdown: string,
  note: string,
) {
  const lesson = await lessonBySlug(slug);
  const page = `/authoring/lessons/${lesson.id}`;
  const save = { version: String(lesson.version), action: 'save', markdown };
  await submitForm(agent, `${page}/blocks/text-1`, save, page);
  await submitForm(agent, `${page}/publish`, { version: String(lesson.version + 1), note }, page);
}

describe('revision history', () => {
  it('lists revisions with who and why, and shows what changed as a line diff', async () => {
    const author = await loginAs(
      app,
      await createUser({ roles: ['author'], name: 'Goran Author' }),
    );
    await editAndPublish(
      author,
      'sharing',
      '## Tell the story\n\nShare what you did with colleagues in Ohrid.',
      'Added an example town',
    );
    const lesson = await lessonBySlug('sharing');
    const res = await author.get(`/authoring/lessons/${lesson.id}/history`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Goran Author');
    expect(res.text).toContain('Added an example town');
    expect(res.text).toContain('Import from files');
    expect(res.text).toMatch(
      /<del class="diff-del"><span class="visually-hidden">Removed: <\/span>- Share what you did with colleagues in other countries\./,
    );
    expect(res.text).toMatch(
      /<ins class="diff-add"><span class="visually-hidden">Added: <\/span>\+ Share what you did with colleagues in Ohrid\./,
    );
    expect(res.text).toContain('1 line(s) added, 1 removed');
  });

  it('restores an old revision as a new revision, for learners and in the draft', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    await editAndPublish(author, 'sharing', 'Second text.', 'Second');
    await editAndPublish(author, 'sharing', 'Third text.', 'Third');
    const lesson = await lessonBySlug('sharing');
    expect(lesson.publishedRevision).toBe(3);
    const res = await author.postForm(
      `/authoring/lessons/${lesson.id}/history/1/restore`,
      { version: String(lesson.version) },
      { tokenFrom: `/authoring/lessons/${lesson.id}/history` },
    );
    expect(res.status).toBe(303);
    const restored = await lessonBySlug('sharing');
    expect(restored.publishedRevision).toBe(4);
    expect(firstText(restored.published)).toContain(
      'Share what you did with colleagues in other countries.',
    );
    expect(firstText(restored.draft)).toBe(firstText(restored.published));
    const revisions = await LessonRevision.find({ lesson: lesson.id }).sort({ number: 1 }).lean();
    expect(revisions.map((r) => [r.number, r.kind, r.note])).toEqual([
      [1, 'import', 'Imported from files'],
      [2, 'publish', 'Second'],
      [3, 'publish', 'Third'],
      [4, 'restore', 'Restored revision 1'],
    ]);
  });
});

describe('two authors editing the same lesson', () => {
  it('refuses the second save with a clear message and shows that author their text', async () => {
    const first = await loginAs(app, await createUser({ roles: ['author'] }));
    const second = await loginAs(app, await createUser({ roles: ['author'] }));
    const lesson = await lessonBySlug('sharing');
    const page = `/authoring/lessons/${lesson.id}`;
    // Both opened the block form at the same version.
    expect((await first.get(`${page}/blocks/text-1`)).text).toContain(
      `name="version" value="${lesson.version}"`,
    );
    expect((await second.get(`${page}/blocks/text-1`)).text).toContain(
      `name="version" value="${lesson.version}"`,
    );

    const ok = await first.postForm(
      `${page}/blocks/text-1`,
      { version: String(lesson.version), action: 'save', markdown: 'First author’s text.' },
      { tokenFrom: page },
    );
    expect(ok.status).toBe(303);
    const refused = await second.postForm(
      `${page}/blocks/text-1`,
      {
        version: String(lesson.version),
        action: 'save',
        markdown: 'Second author’s <careful> text.',
      },
      { tokenFrom: page },
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This lesson changed since you opened it.');
    expect(refused.text).toContain('Second author’s &lt;careful&gt; text.</textarea>');
    // The re-shown form carries the new version, so saving again (deliberately) works.
    expect(refused.text).toContain(`name="version" value="${lesson.version + 1}"`);
    expect(firstText((await lessonBySlug('sharing')).draft)).toBe('First author’s text.');
  });

  it('refuses a stale publish, reorder or details save without changing anything', async () => {
    const author = await loginAs(app, await createUser({ roles: ['author'] }));
    const lesson = await lessonBySlug('first-steps');
    const page = `/authoring/lessons/${lesson.id}`;
    await author.postForm(
      `${page}/blocks/text-1`,
      { version: String(lesson.version), action: 'save', markdown: 'Changed meanwhile.' },
      { tokenFrom: page },
    );
    const stale = String(lesson.version);
    const publish = await author.postForm(
      `${page}/publish`,
      { version: stale, note: 'Old view' },
      { tokenFrom: page },
    );
    expect(publish.status).toBe(409);
    expect(publish.text).toContain('This lesson changed since you opened it.');
    const details = await author.postForm(
      page,
      { version: stale, title: 'My new title', minutes: '30' },
      { tokenFrom: page },
    );
    expect(details.status).toBe(409);
    expect(details.text).toContain('value="My new title"');
    await author.postForm(
      `${page}/blocks/video-1/move`,
      { version: stale, direction: 'up' },
      { tokenFrom: page },
    );
    const after = await lessonBySlug('first-steps');
    expect(after.publishedRevision).toBe(1);
    expect(after.draft.title).toBe('First steps');
    expect(after.draft.blocks.map((b) => b.id)).toEqual(lesson.draft.blocks.map((b) => b.id));
    expect(after.version).toBe(lesson.version + 1);
  });
});
