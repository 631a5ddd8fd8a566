/**
 * Export of the published curriculum back to files in the import format (see files/serialize.ts).
 * Lessons and modules never published are left out (they exist only as drafts, and importing the
 * export would publish them) and reported. Images shown in
 * the Markdown are written to `<module>/images/` and referred to by relative path again.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { storedFilePath } from '../uploads/index.js';
import { normalizeContent } from './content-hash.js';
import { exportLessonImages } from './export-images.js';
import { serializeLesson, withFrontMatter } from './files/serialize.js';
import { Lesson } from './lesson.model.js';
import { CourseModule, type ModuleAttrs } from './module.model.js';
import { Programme } from './programme.model.js';

export interface ExportSummary {
  programmes: string[];
  lessons: number;
  files: number;
  /** Lessons (`module/lesson`) and modules (`module`, with all their lessons) skipped because never published. */
  unpublished: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function moduleFile(m: ModuleAttrs): string {
  const meta = { slug: m.slug, title: m.title, effortHours: m.effortHours, outcomes: m.outcomes, prerequisites: m.prerequisites };
  return withFrontMatter(meta, m.intro);
}

/** Writes every programme (or only `programmeSlug`) under `outDir/<programme-slug>/`. */
export async function exportCurriculum(outDir: string, options: { uploadsDir: string; programmeSlug?: string }): Promise<ExportSummary> {
  const filter = options.programmeSlug ? { slug: options.programmeSlug } : {};
  const programmes = await Programme.find(filter).sort({ order: 1, slug: 1 }).lean();
  const summary: ExportSummary = { programmes: [], lessons: 0, files: 0, unpublished: [] };
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
    summary.files += 1;
  };
  for (const programme of programmes) {
    const dir = path.join(outDir, programme.slug);
    summary.programmes.push(programme.slug);
    await write(path.join(dir, 'programme.md'), withFrontMatter({ slug: programme.slug, title: programme.title, summary: programme.summary }, programme.description));
    const modules = await CourseModule.find({ programme: programme._id }).sort({ order: 1 }).lean();
    for (const m of modules) {
      if (m.neverPublished) {
        summary.unpublished.push(m.slug);
        continue;
      }
      const moduleDir = path.join(dir, `${pad(m.order)}-${m.slug}`);
      await write(path.join(moduleDir, 'module.md'), moduleFile(m));
      const lessons = await Lesson.find({ module: m._id }).sort({ order: 1 }).lean();
      const usedPaths = new Set<string>();
      const usedImages = new Map<string, string>();
      const copied = new Set<string>();
      for (const lesson of lessons) {
        if (!lesson.published) {
          summary.unpublished.push(`${m.slug}/${lesson.slug}`);
          continue;
        }
        const withImages = await exportLessonImages(normalizeContent(lesson.published), usedImages);
        const out = serializeLesson(lesson.slug, withImages.content, usedPaths);
        await write(path.join(moduleDir, `${pad(lesson.order)}-${lesson.slug}.md`), out.text);
        summary.lessons += 1;
        // Lessons of a module share one images/ folder: an image used twice is copied once.
        const images = withImages.files.filter((f) => !copied.has(f.relPath));
        images.forEach((f) => copied.add(f.relPath));
        for (const sibling of [...out.siblings, ...images]) {
          const target = path.resolve(moduleDir, sibling.relPath);
          // Paths come from imported files (checked then); refuse anything that would escape anyway.
          if (!target.startsWith(path.resolve(moduleDir) + path.sep)) throw new Error(`unsafe file path in lesson ${lesson.slug}: ${sibling.relPath}`);
          if ('text' in sibling) {
            await write(target, sibling.text);
          } else {
            await mkdir(path.dirname(target), { recursive: true });
            await copyFile(storedFilePath(options.uploadsDir, sibling.storedName), target);
            summary.files += 1;
          }
        }
      }
    }
  }
  return summary;
}
