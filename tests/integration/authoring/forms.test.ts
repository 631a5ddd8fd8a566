/**
 * The authoring forms without JavaScript: modules created, reordered and deleted; blocks added,
 * reordered and deleted; quizzes and rubrics edited in forms with errors shown beside fields;
 * the Markdown preview goes through the learners' sanitiser.
 */
import { clearDatabase } from '../../helpers/db.js';
import { lessonBySlug } from '../../helpers/factories/curriculum.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { authoringTestApp } from './helpers.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';
import {
  getPublishedProgramme,
  listModules,
} from '../../../server/features/curriculum/curriculum.service.js';

const { app } = authoringTestApp();
let author: CsrfAgent;

beforeEach(async () => {
  author = await loginAs(app, await createUser({ roles: ['author'] }));
});

const moduleOrder = async () =>
  (await CourseModule.find().sort({ order: 1 }).lean()).map((m) => m.slug);

describe('modules', () => {
  it('starts from an empty database: nothing is created until the first module', async () => {
    await clearDatabase();
    const fresh = await loginAs(app, await createUser({ roles: ['admin'] }));
    const page = await fresh.get('/authoring');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No modules yet');
    expect(await Programme.countDocuments()).toBe(0);
    const res = await fresh.postForm(
      '/authoring/modules',
      { title: 'First steps', slug: 'first-steps', effortHours: '2' },
      { tokenFrom: '/authoring/modules/new' },
    );
    expect(res.status).toBe(303);
    expect(await Programme.countDocuments()).toBe(1);
    expect(await moduleOrder()).toEqual(['first-steps']);
  });

  it('creates a module, shows errors beside fields, reorders with buttons and deletes an empty module', async () => {
    const bad = await author.postForm(
      '/authoring/modules',
      { title: '', slug: 'Not A Slug', effortHours: '3', intro: 'Kept intro' },
      { tokenFrom: '/authoring/modules/new' },
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a title.');
    expect(bad.text).toMatch(/use lowercase letters, digits and single hyphens/i);
    expect(bad.text).toContain('Kept intro</textarea>');

    const ok = await author.postForm(
      '/authoring/modules',
      {
        title: 'Service design',
        slug: 'service-design',
        effortHours: '8',
        intro: 'Meet your users.',
        outcomes: 'Build a persona\nMap a journey',
        prerequisites: 'getting-started',
      },
      { tokenFrom: '/authoring/modules/new' },
    );
    expect(ok.status).toBe(303);
    const created = await CourseModule.findOne({ slug: 'service-design' }).lean();
    expect(created).toMatchObject({
      order: 3,
      outcomes: ['Build a persona', 'Map a journey'],
      prerequisites: ['getting-started'],
      effortHours: 8,
    });
    expect(await moduleOrder()).toEqual(['getting-started', 'going-further', 'service-design']);

    await author.postForm(
      `/authoring/modules/${String(created?._id)}/move`,
      { direction: 'up' },
      { tokenFrom: '/authoring' },
    );
    expect(await moduleOrder()).toEqual(['getting-started', 'service-design', 'going-further']);

    const duplicate = await author.postForm(
      '/authoring/modules',
      { title: 'Again', slug: 'service-design', effortHours: '1' },
      { tokenFrom: '/authoring/modules/new' },
    );
    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain('already exists');

    const withLessons = await CourseModule.findOne({ slug: 'getting-started' }).lean();
    await author.postForm(
      `/authoring/modules/${String(withLessons?._id)}/delete`,
      {},
      { tokenFrom: '/authoring' },
    );
    expect(await moduleOrder()).toContain('getting-started');
    await author.postForm(
      `/authoring/modules/${String(created?._id)}/delete`,
      {},
      { tokenFrom: '/authoring' },
    );
    expect(await moduleOrder()).toEqual(['getting-started', 'going-further']);
  });
  it('renames a module without published lessons and keeps prerequisites pointing at it', async () => {
    await author.postForm(
      '/authoring/modules',
      { title: 'Alpha', slug: 'alpha', effortHours: '1' },
      { tokenFrom: '/authoring/modules/new' },
    );
    await author.postForm(
      '/authoring/modules',
      { title: 'Beta', slug: 'beta', effortHours: '1', prerequisites: 'alpha' },
      { tokenFrom: '/authoring/modules/new' },
    );
    const alpha = await CourseModule.findOne({ slug: 'alpha' }).lean();
    const res = await author.postForm(
      `/authoring/modules/${String(alpha?._id)}`,
      { version: '1', title: 'Alpha', slug: 'alpha-renamed', effortHours: '1' },
      { tokenFrom: '/authoring' },
    );
    expect(res.status).toBe(303);
    const beta = await CourseModule.findOne({ slug: 'beta' }).lean();
    expect(beta?.prerequisites).toEqual(['alpha-renamed']);
    expect(beta?.draft?.prerequisites).toEqual(['alpha-renamed']);
    const published = await CourseModule.findOne({ slug: 'getting-started' }).lean();
    const refused = await author.postForm(
      `/authoring/modules/${String(published?._id)}`,
      // Version 2: the import published the module's texts as revision 1.
      { version: '2', title: 'Getting started', slug: 'start', effortHours: '2' },
      { tokenFrom: '/authoring' },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('cannot change');
  });
});

describe('programme', () => {
  it('edits the programme texts as a draft; learners get the new description once published', async () => {
    const bad = await author.postForm(
      '/authoring/programme',
      { version: '2', title: '', summary: 'S' },
      { tokenFrom: '/authoring/programme' },
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a title.');
    const ok = await author.postForm(
      '/authoring/programme',
      {
        version: '2',
        title: 'Mini Programme 2',
        summary: 'New summary',
        description: 'Now with *Tirana*.',
      },
      { tokenFrom: '/authoring/programme' },
    );
    expect(ok.status).toBe(303);
    expect((await getPublishedProgramme())?.title).not.toBe('Mini Programme 2');
    const published = await author.postForm(
      '/authoring/programme/publish',
      { version: '3', note: 'Renamed' },
      { tokenFrom: '/authoring/programme' },
    );
    expect(published.status).toBe(303);
    const programme = await getPublishedProgramme();
    expect(programme).toMatchObject({
      slug: 'mini-programme',
      title: 'Mini Programme 2',
      summary: 'New summary',
    });
    expect(programme?.descriptionHtml).toContain('<em>Tirana</em>');
  });
});

describe('lessons', () => {
  it('moves a lesson to another module, keeping its id, and learners find it there', async () => {
    const lesson = await lessonBySlug('sharing');
    const target = await CourseModule.findOne({ slug: 'getting-started' }).lean();
    const res = await author.postForm(
      `/authoring/lessons/${lesson.id}/module`,
      { moduleId: String(target?._id) },
      { tokenFrom: `/authoring/lessons/${lesson.id}` },
    );
    expect(res.status).toBe(303);
    const modules = await listModules();
    expect(modules.map((m) => [m.slug, m.lessons.map((l) => l.slug)])).toEqual([
      ['getting-started', ['first-steps', 'checking', 'sharing']],
      ['going-further', ['final-project']],
    ]);
    expect((await lessonBySlug('sharing')).id).toBe(lesson.id);
  });
});

describe('blocks', () => {
  it('adds a video block after another, reorders and deletes blocks in the draft', async () => {
    const lesson = await lessonBySlug('first-steps');
    const page = `/authoring/lessons/${lesson.id}`;
    const form = await author.get(`${page}/blocks/new?type=video&after=text-1`);
    expect(form.status).toBe(200);
    const bad = await author.postForm(
      `${page}/blocks`,
      {
        type: 'video',
        after: 'text-1',
        version: String(lesson.version),
        action: 'save',
        url: 'https://example.org/video',
        title: 'Talk',
      },
      { tokenFrom: page },
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Must be a YouTube or Vimeo video URL');
    const ok = await author.postForm(
      `${page}/blocks`,
      {
        type: 'video',
        after: 'text-1',
        version: String(lesson.version),
        action: 'save',
        url: 'https://vimeo.com/76979871',
        title: 'Talk',
      },
      { tokenFrom: page },
    );
    expect(ok.status).toBe(303);
    let draft = (await lessonBySlug('first-steps')).draft;
    expect(draft.blocks.map((b) => b.id)).toEqual([
      'text-1',
      'video-2',
      'video-1',
      'text-2',
      'checklist',
      'first-reflection',
    ]);

    await author.postForm(
      `${page}/blocks/checklist/move`,
      { version: String(lesson.version + 1), direction: 'down' },
      { tokenFrom: page },
    );
    await author.postForm(
      `${page}/blocks/video-2/delete`,
      { version: String(lesson.version + 2) },
      { tokenFrom: page },
    );
    draft = (await lessonBySlug('first-steps')).draft;
    expect(draft.blocks.map((b) => b.id)).toEqual([
      'text-1',
      'video-1',
      'text-2',
      'first-reflection',
      'checklist',
    ]);
    expect((await lessonBySlug('first-steps')).published?.blocks.map((b) => b.id)).toEqual([
      'text-1',
      'video-1',
      'text-2',
      'checklist',
      'first-reflection',
    ]);
  });

  it('edits a quiz in a form: adds a question row, reports errors per question, saves valid questions', async () => {
    const lesson = await lessonBySlug('checking');
    const page = `/authoring/lessons/${lesson.id}`;
    const quizForm = await author.get(`${page}/blocks/start-quiz`);
    expect(quizForm.text).toContain('name="questionCount" value="4"');
    expect(quizForm.text).toMatch(
      /id="field-q0_o0_correct" name="q0_o0_correct" value="1" checked/,
    );

    const fields = {
      version: String(lesson.version),
      id: 'start-quiz',
      title: 'Check again',
      passMark: '80',
      attempts: '0',
      questionCount: '2',
      q0_id: 'q1',
      q0_kind: 'single',
      q0_prompt: 'Which is an innovation?',
      q0_o0_text: 'A new timetable',
      q0_o0_correct: '1',
      q0_o1_text: 'Nothing new',
      q0_o1_correct: '1',
      q1_id: 'q2',
      q1_kind: 'short',
      q1_prompt: 'A third ...?',
      q1_accepted: 'place\nthird place',
      q1_feedback: 'The third place.',
    };
    const more = await author.postForm(
      `${page}/blocks/start-quiz`,
      { ...fields, action: 'add-question' },
      { tokenFrom: page },
    );
    expect(more.status).toBe(200);
    expect(more.text).toContain('name="questionCount" value="3"');
    expect(more.text).toContain('>Which is an innovation?</textarea>');

    const bad = await author.postForm(
      `${page}/blocks/start-quiz`,
      { ...fields, action: 'save' },
      { tokenFrom: page },
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('A single-choice question needs exactly one correct option');
    expect(bad.text).toContain('href="#field-q0_options"');

    const ok = await author.postForm(
      `${page}/blocks/start-quiz`,
      { ...fields, q0_o1_correct: '', action: 'save' },
      { tokenFrom: page },
    );
    expect(ok.status).toBe(303);
    const quiz = (await lessonBySlug('checking')).draft.blocks.find((b) => b.type === 'quiz');
    expect(quiz?.type === 'quiz' && quiz.quiz).toEqual({
      id: 'start-quiz',
      title: 'Check again',
      passMark: 80,
      attempts: 0,
      questions: [
        {
          id: 'q1',
          kind: 'single',
          prompt: 'Which is an innovation?',
          options: [
            { text: 'A new timetable', correct: true },
            { text: 'Nothing new', correct: false },
          ],
          accepted: [],
          feedback: '',
        },
        {
          id: 'q2',
          kind: 'short',
          prompt: 'A third ...?',
          options: [],
          accepted: ['place', 'third place'],
          feedback: 'The third place.',
        },
      ],
    });
  });

  it('edits a rubric in a form: criteria x levels x points, removing a criterion', async () => {
    const lesson = await lessonBySlug('checking');
    const page = `/authoring/lessons/${lesson.id}`;
    const res = await author.postForm(
      `${page}/blocks/start-assignment`,
      {
        version: String(lesson.version),
        action: 'save',
        id: 'start-assignment',
        title: 'Your first experiment',
        instructions: 'Describe it.',
        deliverables: 'A plan\nA photo',
        dueDays: '21',
        allowFiles: '1',
        criterionCount: '3',
        c0_id: 'clarity',
        c0_title: 'Clarity',
        c0_l0_title: 'Excellent',
        c0_l0_points: '4',
        c0_l1_title: 'Weak',
        c0_l1_points: '1',
        c1_id: 'evidence',
        c1_title: 'Evidence',
        c1_description: 'Uses data',
        c1_l0_title: 'Strong',
        c1_l0_points: '5',
        c1_l0_description: 'Counts visitors',
        c1_l1_title: 'None',
        c1_l1_points: '0',
        c2_id: 'dropped',
        c2_title: 'Dropped',
        c2_remove: '1',
      },
      { tokenFrom: page },
    );
    expect(res.status).toBe(303);
    const block = (await lessonBySlug('checking')).draft.blocks.find(
      (b) => b.type === 'assignment',
    );
    expect(block?.type === 'assignment' && block.assignment).toMatchObject({
      dueDays: 21,
      allowFiles: true,
      final: false,
      deliverables: ['A plan', 'A photo'],
      rubric: {
        criteria: [
          {
            id: 'clarity',
            levels: [
              { title: 'Excellent', points: 4 },
              { title: 'Weak', points: 1 },
            ],
          },
          {
            id: 'evidence',
            description: 'Uses data',
            levels: [
              { title: 'Strong', points: 5, description: 'Counts visitors' },
              { title: 'None', points: 0 },
            ],
          },
        ],
      },
    });
  });

  it('refuses a reflection id already used elsewhere in the programme', async () => {
    const lesson = await lessonBySlug('sharing');
    const page = `/authoring/lessons/${lesson.id}`;
    const res = await author.postForm(
      `${page}/blocks`,
      {
        type: 'reflection',
        version: String(lesson.version),
        action: 'save',
        id: 'first-reflection',
        prompt: 'Again?',
      },
      { tokenFrom: page },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('The id &#34;first-reflection&#34; is already used');
  });
});

describe('preview', () => {
  it('renders the Preview button through the learners’ sanitiser without saving', async () => {
    const lesson = await lessonBySlug('sharing');
    const page = `/authoring/lessons/${lesson.id}`;
    const res = await author.postForm(
      `${page}/blocks/text-1`,
      {
        version: String(lesson.version),
        action: 'preview',
        markdown: '## Plan\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> **bold**',
      },
      { tokenFrom: page },
    );
    expect(res.status).toBe(200);
    const preview = res.text.slice(res.text.indexOf('id="preview"'));
    expect(preview).toContain('<strong>bold</strong>');
    expect(preview).toContain('id="h-plan"');
    expect(preview).not.toMatch(/<script>alert|onerror/);
    expect((await lessonBySlug('sharing')).version).toBe(lesson.version);
  });

  it('answers the live-preview script with sanitised HTML (CSRF header required)', async () => {
    await author.refreshToken('/authoring');
    const res = await author
      .post('/authoring/preview')
      .set('x-csrf-token', author.csrfToken)
      .send({ markdown: '[x](javascript:alert(1)) *ok*' });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain('<em>ok</em>');
    expect(res.body.html).not.toMatch(/href="javascript:/i);
    const noToken = await author.post('/authoring/preview').send({ markdown: 'x' });
    expect(noToken.status).toBe(403);
  });
});
