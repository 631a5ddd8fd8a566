/** Files -> content -> files gives the same content back (the basis of the lossless export). */
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProgramme } from '../../../server/features/curriculum/files/read-programme.js';
import { serializeLesson } from '../../../server/features/curriculum/files/serialize.js';
import { splitBody, splitFrontMatter } from '../../../server/features/curriculum/files/front-matter.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mini-programme');

describe('front matter and body chunks', () => {
  it('splits front matter and body with file line numbers, and the body at block separators', () => {
    const split = splitFrontMatter('---\nslug: a\ntitle: A\n---\nOne\n\n<!-- block -->\n\nTwo\n');
    expect(split).toMatchObject({ yaml: 'slug: a\ntitle: A', yamlFirstLine: 2, bodyFirstLine: 5 });
    expect(splitBody(split!.body, split!.bodyFirstLine)).toEqual([{ markdown: 'One', line: 5 }, { markdown: 'Two', line: 8 }]);
    expect(splitFrontMatter('# no front matter')).toBeNull();
    expect(splitBody('   \n', 3)).toEqual([]);
  });
});

describe('lesson serialisation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'atelier-serialize-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every fixture lesson so that reading it again gives the same blocks', async () => {
    const original = await readProgramme(FIXTURE, { maxResourceBytes: 1e6 });
    expect(original.issues).toEqual([]);
    const copy = path.join(dir, 'mini-programme');
    cpSync(FIXTURE, copy, { recursive: true });
    for (const [mi, m] of original.programme!.modules.entries()) {
      const folder = path.join(copy, `${String(m.order).padStart(2, '0')}-${m.slug}`);
      for (const lesson of m.lessons) {
        const out = serializeLesson(lesson.slug, { title: lesson.title, minutes: lesson.minutes, blocks: lesson.blocks, translations: {} });
        writeFileSync(path.join(folder, `${String(lesson.order).padStart(2, '0')}-${lesson.slug}.md`), out.text);
        for (const s of out.siblings) if ('text' in s) writeFileSync(path.join(folder, s.relPath), s.text);
      }
      expect(mi).toBe(m.order - 1);
    }
    const again = await readProgramme(copy, { maxResourceBytes: 1e6 });
    expect(again.issues).toEqual([]);
    const blocks = (p: typeof original) => p.programme!.modules.flatMap((m) => m.lessons.map((l) => [l.slug, l.title, l.minutes, l.blocks]));
    expect(blocks(again)).toEqual(blocks(original));
  });

  it('writes ids of text and video blocks only when they are not the automatic ones', () => {
    const out = serializeLesson('x', {
      title: 'X',
      minutes: null,
      blocks: [
        { id: 'text-1', type: 'text', markdown: 'A' },
        { id: 'intro-video', type: 'video', url: 'https://youtu.be/Lk7Qm2xVb9A', title: 'V' },
        { id: 'text-7', type: 'text', markdown: 'B' },
      ],
      translations: {},
    });
    expect(out.text).toBe(
      '---\nslug: x\ntitle: X\nblocks:\n  - type: text\n  - type: video\n    id: intro-video\n    url: https://youtu.be/Lk7Qm2xVb9A\n    title: V\n  - type: text\n    id: text-7\n---\nA\n\n<!-- block -->\n\nB\n',
    );
    mkdirSync(path.join(dir, 'unused'), { recursive: true });
  });
});
