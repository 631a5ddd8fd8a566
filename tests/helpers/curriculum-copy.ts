/**
 * For tests that edit, delete or export curriculum files: each test gets an empty database and a
 * fresh temporary copy of the fixture programme (removed after it), and imports it through the
 * real importer.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  importCurriculum,
  type ImportOptions,
  type ImportSummary,
} from '../../server/features/curriculum/curriculum-import.service.js';
import { clearDatabase, connectTestDatabase, disconnect } from './db.js';
import { FIXTURE_PROGRAMME_DIR } from './factories/curriculum.js';

export interface CurriculumCopy {
  /** This test's temporary folder: the copy is in src/; exports and other files may go beside it. */
  readonly work: string;
  /** The folder the importer reads: it holds the copied mini-programme/. */
  readonly root: string;
  /** Where imports store resource and image files. */
  readonly uploadsDir: string;
  /** A path inside the copied programme. */
  src(rel?: string): string;
  /** Imports `from` (the copy unless given) with the usual size limit. */
  import(options?: { from?: string } & Partial<ImportOptions>): Promise<ImportSummary>;
}

/**
 * Registers the hooks (call it at the top of a test file): database connected for the file and
 * emptied before each test, and a copy made in a folder named after `prefix`. Imports store files
 * in `uploadsDir` (an app's, when the test reads them through it), else in the test's folder.
 */
export function useCurriculumCopy(prefix: string, uploadsDir?: string): CurriculumCopy {
  let work = '';
  beforeAll(connectTestDatabase);
  afterAll(disconnect);
  beforeEach(async () => {
    await clearDatabase();
    work = mkdtempSync(path.join(tmpdir(), prefix));
    cpSync(FIXTURE_PROGRAMME_DIR, path.join(work, 'src', 'mini-programme'), { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));
  const copy: CurriculumCopy = {
    get work() {
      return work;
    },
    get root() {
      return path.join(work, 'src');
    },
    get uploadsDir() {
      return uploadsDir ?? path.join(work, 'uploads');
    },
    src: (rel = '') => path.join(copy.root, 'mini-programme', rel),
    import: ({ from, ...options } = {}) =>
      importCurriculum(from ?? copy.root, {
        uploadsDir: copy.uploadsDir,
        maxResourceBytes: 5 * 1024 * 1024,
        ...options,
      }),
  };
  return copy;
}
