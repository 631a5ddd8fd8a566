/**
 * The command-line scripts as people run them (plain progress lines when not on a terminal,
 * file:line problems and exit code 1 when the files are invalid), and the first-start task that
 * imports the sample programme into an empty database only.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { useCurriculumCopy } from '../../helpers/curriculum-copy.js';
import { testDbName, testMongoUri } from '../../helpers/db.js';
import { testConfig } from '../../helpers/app.js';
import { FIXTURE_PROGRAMME_DIR } from '../../helpers/factories/curriculum.js';
import { logger } from '../../../server/lib/logger.js';
import { runStartupTasks } from '../../../server/lib/startup.js';
import { normalizeContent } from '../../../server/features/curriculum/content-hash.js';
import { publishContent, saveDraft } from '../../../server/features/curriculum/lesson-store.service.js';
import { Lesson } from '../../../server/features/curriculum/lesson.model.js';
import { Programme } from '../../../server/features/curriculum/programme.model.js';
import '../../../server/features/curriculum/curriculum.startup.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules', '.bin', 'tsx');
const copy = useCurriculumCopy('atelier-cli-');

/** Runs a script against this test file's database; resolves with the exit code and output. */
async function script(name: string, args: string[]) {
  const url = new URL(testMongoUri());
  url.pathname = `/${testDbName}`;
  const env = { ...process.env, MONGODB_URI: url.toString(), UPLOADS_DIR: path.join(copy.work, 'uploads'), DATA_DIR: path.join(copy.work, 'data'), LOG_LEVEL: 'silent', NODE_ENV: 'test', NODE_OPTIONS: '' };
  try {
    const { stdout, stderr } = await run(TSX, [path.join('scripts', name), ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run curriculum:import / curriculum:export', () => {
  it('lists every problem as file:line and writes nothing', async () => {
    const quiz = copy.src('01-getting-started/quiz.yaml');
    writeFileSync(quiz, readFileSync(quiz, 'utf8').replace('attempts: 3', 'attempts: many'));
    const result = await script('curriculum-import.ts', [copy.root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was imported: 1 problem(s) found.');
    expect(result.stderr).toMatch(/mini-programme\/01-getting-started\/quiz\.yaml:4: attempts: /);
    expect(await Programme.countDocuments()).toBe(0);
  });

  it('imports with plain progress lines when not on a terminal, then exports the files', async () => {
    const result = await script('curriculum-import.ts', [copy.root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[1/4] mini-programme/getting-started/first-steps\n');
    expect(result.stdout).toContain('4 lesson(s) created, 0 updated, 0 removed, 0 unchanged.');
    expect(result.stdout).not.toContain('\r');
    expect(await Lesson.countDocuments()).toBe(4);

    const out = path.join(copy.work, 'out');
    const exported = await script('curriculum-export.ts', [out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Exported mini-programme: 4 lesson(s)');
    expect(readFileSync(path.join(out, 'mini-programme', '01-getting-started', '01-first-steps.md'), 'utf8')).toBe(
      readFileSync(path.join(FIXTURE_PROGRAMME_DIR, '01-getting-started', '01-first-steps.md'), 'utf8'),
    );
    expect(existsSync(path.join(out, 'mini-programme', '01-getting-started', 'resources', 'checklist.txt'))).toBe(true);
  });

  it('prints the lessons it removed and the ones it kept because they changed in the browser', async () => {
    expect((await script('curriculum-import.ts', [copy.root])).code).toBe(0);
    const sharing = await Lesson.findOne({ slug: 'sharing' });
    await saveDraft(sharing!._id, sharing!.version, { ...normalizeContent(sharing!.draft), title: 'Sharing, edited in the browser' });
    rmSync(copy.src('01-getting-started/02-checking.md'));
    rmSync(copy.src('02-going-further/01-sharing.md'));
    const result = await script('curriculum-import.ts', [copy.root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 lesson(s) created, 0 updated, 1 removed, 2 unchanged.');
    expect(result.stdout).toContain('  removed mini-programme/getting-started/checking\n');
    expect(result.stdout).toContain('  kept: going-further/sharing (changed in the browser since the last import; export or delete it in authoring)\n');
  });

  it('prints browser changes it kept (file unchanged) and the ones it overwrote (file changed too)', async () => {
    expect((await script('curriculum-import.ts', [copy.root])).code).toBe(0);
    for (const slug of ['sharing', 'checking']) {
      const lesson = await Lesson.findOne({ slug });
      await publishContent(lesson!._id, lesson!.version, { ...normalizeContent(lesson!.draft), title: `${slug}, published in the browser` }, { kind: 'publish', note: 'Retitled' });
    }
    const checking = copy.src('01-getting-started/02-checking.md');
    writeFileSync(checking, readFileSync(checking, 'utf8').replace('Answer the quiz', 'First answer the quiz'));
    const result = await script('curriculum-import.ts', [copy.root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 lesson(s) created, 1 updated, 0 removed, 3 unchanged.');
    expect(result.stdout).toContain('  kept: going-further/sharing (changed in the browser since the last import; the file did not change, so the browser version stays)\n');
    expect(result.stdout).toContain('  overwrote browser changes: getting-started/checking\n');
    expect((await Lesson.findOne({ slug: 'checking' }).lean())?.published?.title).toBe('Checking what you learnt');
  });
});

describe('first start', () => {
  it('imports the sample programme into an empty database, and never over existing content', async () => {
    const config = testConfig();
    await runStartupTasks({ config, logger });
    const programme = await Programme.findOne().lean();
    expect(programme?.slug).toBe('library-innovators');
    const lessons = await Lesson.countDocuments();
    expect(lessons).toBeGreaterThanOrEqual(15);

    await Lesson.updateOne({}, { $set: { 'draft.title': 'Edited by an author' } });
    await runStartupTasks({ config, logger });
    expect(await Lesson.countDocuments({ 'draft.title': 'Edited by an author' })).toBe(1);
    expect(await Lesson.countDocuments()).toBe(lessons);
    expect(mongoose.connection.db?.databaseName).toBe(testDbName);
  });
});
