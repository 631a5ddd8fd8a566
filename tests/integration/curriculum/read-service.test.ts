/** The read service other features use: published content only, answers kept server-side. */
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { importCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { findAssignment, findQuiz, getLesson, getModule, getPublishedProgramme, listAssignments, listModules } from '../../../server/features/curriculum/curriculum.service.js';
import { createLesson, saveDraft } from '../../../server/features/curriculum/lesson-store.service.js';
import { Lesson } from '../../../server/features/curriculum/lesson.model.js';
import { CourseModule } from '../../../server/features/curriculum/module.model.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'unit', 'curriculum', 'fixtures', 'mini-programme');
let uploadsDir: string;

beforeAll(async () => {
  await connectTestDatabase();
  await clearDatabase();
  uploadsDir = mkdtempSync(path.join(tmpdir(), 'atelier-read-'));
  await importCurriculum(FIXTURE, { uploadsDir, maxResourceBytes: 1024 * 1024 });
});
afterAll(async () => {
  rmSync(uploadsDir, { recursive: true, force: true });
  await disconnect();
});

describe('curriculum read service', () => {
  it('lists published modules with lesson summaries, ids and reflections', async () => {
    const modules = await listModules();
    expect(modules.map((m) => m.slug)).toEqual(['getting-started', 'going-further']);
    expect(modules[0].lessons.map((l) => [l.slug, l.quizIds, l.assignmentIds])).toEqual([
      ['first-steps', [], []],
      ['checking', ['start-quiz'], ['start-assignment']],
    ]);
    expect(modules[0].lessons[0].reflections).toEqual([{ id: 'first-reflection', prompt: 'What would you **try** first?' }]);
    const programme = await getPublishedProgramme();
    expect(programme?.descriptionHtml).toContain('<strong>fixture</strong>');
  });

  it('renders a lesson with position, neighbours and safe HTML, and hides quiz answers', async () => {
    const lesson = await getLesson('getting-started', 'checking');
    expect(lesson).toMatchObject({ title: 'Checking what you learnt', position: { index: 2, total: 2 }, previous: { slug: 'first-steps' }, next: null });
    const quiz = lesson?.blocks.find((b) => b.type === 'quiz');
    const serialized = JSON.stringify(quiz);
    expect(serialized).toContain('Which is an innovation?');
    expect(serialized).not.toMatch(/"correct"|"accepted"|"answer"|feedback|third place/);
    const first = await getLesson('getting-started', 'first-steps');
    expect(first?.blocks.map((b) => b.type)).toEqual(['text', 'video', 'text', 'resource', 'reflection']);
    expect(first?.toc.map((h) => h.text)).toEqual(['Why change', 'Your turn']);
    expect(first?.showToc).toBe(false);
  });

  it('finds quizzes (with answers) and assignments by their stable ids', async () => {
    const quiz = await findQuiz('start-quiz');
    expect(quiz).toMatchObject({ lessonSlug: 'checking', moduleSlug: 'getting-started', quiz: { passMark: 70, attempts: 3 } });
    expect(quiz?.quiz.questions[0].options[0]).toEqual({ text: 'A new opening time that suits working parents', correct: true });
    expect(await findQuiz('nope')).toBeNull();
    const assignment = await findAssignment('final-proposal');
    expect(assignment).toMatchObject({ moduleSlug: 'going-further', assignment: { final: true, dueDays: 300 } });
    expect((await listAssignments()).map((a) => a.assignment.id)).toEqual(['start-assignment', 'final-proposal']);
  });

  it('never shows drafts: a new draft lesson and a draft edit stay invisible', async () => {
    const module = await CourseModule.findOne({ slug: 'going-further' }).lean();
    const published = await Lesson.findOne({ slug: 'sharing' }).lean();
    if (!module || !published) throw new Error('fixture missing');
    await createLesson({ programme: module.programme, module: module._id, slug: 'draft-only', order: 9, content: { title: 'Secret draft', minutes: null, blocks: [{ id: 'text-1', type: 'text', markdown: 'Not yet' }], translations: {} } });
    await saveDraft(published._id, published.version, { title: 'Sharing (draft title)', minutes: null, blocks: [{ id: 'text-1', type: 'text', markdown: 'Draft text' }], translations: {} });
    expect(await getLesson('going-further', 'draft-only')).toBeNull();
    expect((await getModule('going-further'))?.lessons.map((l) => l.title)).toEqual(['Sharing practice', 'The final project']);
    const lesson = await getLesson('going-further', 'sharing');
    expect(lesson?.title).toBe('Sharing practice');
    expect(JSON.stringify(lesson)).not.toContain('Draft text');
  });
});
