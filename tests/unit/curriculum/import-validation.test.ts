/**
 * Import validation: each kind of problem is reported with its file and line, and every problem
 * in the tree is listed in one run. Runs on copies of the fixture programme; no database needed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mini-programme');
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'atelier-import-'));
  cpSync(FIXTURE, path.join(root, 'mini-programme'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const file = (rel: string) => path.join(root, 'mini-programme', rel);
/** Replaces `from` by `to` in a fixture file (the test fails loudly if `from` is not there). */
function edit(rel: string, from: string, to: string): void {
  const text = readFileSync(file(rel), 'utf8');
  expect(text).toContain(from);
  writeFileSync(file(rel), text.replace(from, to));
}

async function issues() {
  const result = await validateCurriculum(root, { maxResourceBytes: 1024 * 1024, displayBase: root });
  return result.issues;
}

describe('curriculum import validation', () => {
  it('accepts the fixture programme as it is', async () => {
    const result = await validateCurriculum(root, { maxResourceBytes: 1024 * 1024, displayBase: root });
    expect(result.issues).toEqual([]);
    expect(result.programmes[0].modules.map((m) => m.lessons.length)).toEqual([2, 2]);
  });

  it('reports YAML syntax errors at their line', async () => {
    edit('01-getting-started/01-first-steps.md', 'title: First steps', 'title: First steps: a colon');
    expect(await issues()).toEqual([
      expect.objectContaining({ file: 'mini-programme/01-getting-started/01-first-steps.md', line: 3, message: expect.stringMatching(/^YAML syntax/) }),
    ]);
  });

  it('reports a missing required field at the object that lacks it', async () => {
    edit('01-getting-started/module.md', 'title: Getting started\n', '');
    expect(await issues()).toEqual([{ file: 'mini-programme/01-getting-started/module.md', line: 2, message: 'missing required field "title"' }]);
  });

  it('reports a misspelt field in a quiz file at the line of the key', async () => {
    edit('01-getting-started/quiz.yaml', 'passMark: 70', 'passmark: 70');
    const found = await issues();
    expect(found).toContainEqual({ file: 'mini-programme/01-getting-started/quiz.yaml', line: 3, message: expect.stringContaining('unknown field "passmark"') });
    expect(found).toContainEqual({ file: 'mini-programme/01-getting-started/quiz.yaml', line: 1, message: 'missing required field "passMark"' });
  });

  it('reports a wrong value with the field path and line', async () => {
    edit('01-getting-started/quiz.yaml', 'kind: truefalse', 'kind: yesno');
    expect(await issues()).toEqual([{ file: 'mini-programme/01-getting-started/quiz.yaml', line: 24, message: expect.stringMatching(/^questions\[2\]\.kind: /) }]);
  });

  it('reports a single-choice question with two correct options', async () => {
    edit('01-getting-started/quiz.yaml', '      - text: Keeping everything as it is', '      - text: Keeping everything as it is\n        correct: true');
    expect(await issues()).toEqual([
      { file: 'mini-programme/01-getting-started/quiz.yaml', line: 9, message: 'questions[0].options: a single-choice question needs exactly one correct option' },
    ]);
  });

  it('reports a mismatch between text blocks and body chunks', async () => {
    edit('01-getting-started/01-first-steps.md', '<!-- block -->\n', '');
    expect(await issues()).toEqual([
      { file: 'mini-programme/01-getting-started/01-first-steps.md', line: 5, message: expect.stringContaining('2 text block(s) but its body has 1 chunk(s)') },
    ]);
  });

  it('reports missing quiz and resource files at the block that names them', async () => {
    edit('01-getting-started/02-checking.md', 'file: quiz.yaml', 'file: quizz.yaml');
    edit('01-getting-started/01-first-steps.md', 'resources/checklist.txt', 'resources/missing.txt');
    const found = await issues();
    expect(found).toContainEqual({ file: 'mini-programme/01-getting-started/02-checking.md', line: 7, message: 'quiz file not found: quizz.yaml' });
    expect(found).toContainEqual({ file: 'mini-programme/01-getting-started/01-first-steps.md', line: 14, message: 'resource file not found: resources/missing.txt' });
  });

  it('refuses a resource whose bytes are not an allowed type, whatever its name', async () => {
    // An executable disguised with a .txt name: judged on the bytes (ELF header, NUL bytes).
    writeFileSync(file('01-getting-started/resources/checklist.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0]));
    expect(await issues()).toEqual([
      { file: 'mini-programme/01-getting-started/01-first-steps.md', line: 14, message: expect.stringContaining('resource file type is not allowed') },
    ]);
  });

  it('refuses a resource path that leaves the module folder', async () => {
    edit('01-getting-started/01-first-steps.md', 'resources/checklist.txt', '../../../etc/passwd');
    expect(await issues()).toContainEqual(expect.objectContaining({ line: 14, message: expect.stringContaining('must stay inside the module folder') }));
  });

  it('reports a bad video URL, an unknown prerequisite and a slug that does not match its file name', async () => {
    edit('01-getting-started/01-first-steps.md', 'https://www.youtube.com/watch?v=Lk7Qm2xVb9A', 'https://example.org/clip');
    edit('02-going-further/module.md', '  - getting-started', '  - getting-startd');
    edit('02-going-further/01-sharing.md', 'slug: sharing', 'slug: sharing-practice');
    const found = await issues();
    expect(found).toContainEqual({ file: 'mini-programme/01-getting-started/01-first-steps.md', line: 8, message: 'not a YouTube or Vimeo video URL: https://example.org/clip' });
    expect(found).toContainEqual({ file: 'mini-programme/02-going-further/module.md', line: 8, message: 'prerequisite "getting-startd" is not a module of this programme' });
    expect(found).toContainEqual({ file: 'mini-programme/02-going-further/01-sharing.md', line: 2, message: expect.stringContaining('does not match the file name') });
    expect(found).toHaveLength(3);
  });

  it('reports ids used twice in the programme with both places', async () => {
    edit('02-going-further/02-final-project.md', 'id: final-proposal', 'id: start-assignment');
    expect(await issues()).toEqual([
      {
        file: 'mini-programme/02-going-further/02-final-project.md',
        line: 7,
        message: 'assignment id "start-assignment" is also used in mini-programme/01-getting-started/assignment.yaml:1',
      },
    ]);
  });

  it('reports a file without front matter', async () => {
    writeFileSync(file('02-going-further/01-sharing.md'), '# Just Markdown\n');
    expect(await issues()).toEqual([{ file: 'mini-programme/02-going-further/01-sharing.md', line: 1, message: expect.stringContaining('missing YAML front matter') }]);
  });
});
