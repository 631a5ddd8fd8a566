/**
 * Test data for assignments and grading: a two-module programme (imported with the real importer)
 * whose second assignment is the final project, a cohort, an innovator with a mentor, and files
 * of real types (a PDF, a PNG, text) plus a program disguised with a ".pdf" name.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Config } from '../../../server/config/env.js';
import { importCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { assignMentor, createCohort, createUser, type TestUser } from './users.js';

export const PROGRAMME = {
  slug: 'grading-test',
  snapshot: { id: 'snapshot-assignment', title: 'Innovation snapshot', dueDays: 30, max: 10 },
  final: { id: 'final-project', title: 'Project proposal', dueDays: 120, max: 4 },
} as const;

const snapshotYaml = `id: ${PROGRAMME.snapshot.id}
title: ${PROGRAMME.snapshot.title}
instructions: |
  Describe **your library** and plan one small experiment.
deliverables:
  - A snapshot of your library
allowFiles: true
dueDays: ${PROGRAMME.snapshot.dueDays}
final: false
rubric:
  criteria:
    - id: community
      title: Understanding of the community
      levels:
        - title: Excellent
          points: 4
        - title: Good
          points: 3
        - title: Not yet
          points: 0
    - id: experiment
      title: Experiment design
      levels:
        - title: Excellent
          points: 6
        - title: Developing
          points: 2
        - title: Not yet
          points: 0
`;

const finalYaml = `id: ${PROGRAMME.final.id}
title: ${PROGRAMME.final.title}
instructions: Write the proposal for your new library service.
allowFiles: true
dueDays: ${PROGRAMME.final.dueDays}
final: true
rubric:
  criteria:
    - id: proposal
      title: Proposal
      levels:
        - title: Ready
          points: 4
        - title: Not ready
          points: 1
`;

function write(dir: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

function moduleFile(slug: string, title: string): string {
  return `---\nslug: ${slug}\ntitle: ${title}\neffortHours: 2\noutcomes:\n  - Explain ${title.toLowerCase()}.\nprerequisites: []\n---\nIntro.\n`;
}

function lessonWithAssignment(slug: string, title: string): string {
  return `---\nslug: ${slug}\ntitle: ${title}\nminutes: 10\nblocks:\n  - type: text\n  - type: assignment\n    file: assignment.yaml\n---\nText of ${title}.\n`;
}

/** Imports the two-assignment programme into the test database. */
export async function seedAssignments(config: Config): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'atelier-grading-'));
  const dir = path.join(root, PROGRAMME.slug);
  write(
    dir,
    'programme.md',
    `---\nslug: ${PROGRAMME.slug}\ntitle: Grading Test Programme\nsummary: For tests.\n---\nDescription.\n`,
  );
  write(dir, '01-mindset/module.md', moduleFile('mindset', 'Mindset'));
  write(dir, '01-mindset/01-snapshot.md', lessonWithAssignment('snapshot', 'Your snapshot'));
  write(dir, '01-mindset/assignment.yaml', snapshotYaml);
  write(dir, '02-project/module.md', moduleFile('project', 'Project'));
  write(dir, '02-project/01-proposal.md', lessonWithAssignment('proposal', 'Your proposal'));
  write(dir, '02-project/assignment.yaml', finalYaml);
  await importCurriculum(root, {
    uploadsDir: config.uploadsDir,
    maxResourceBytes: 5 * 1024 * 1024,
  });
}

export interface Classroom {
  cohortId: string;
  innovator: TestUser;
  mentor: TestUser;
  /** An innovator in the same cohort with another mentor. */
  otherInnovator: TestUser;
  otherMentor: TestUser;
}

/** A cohort starting `startDate` with two innovators, each with their own mentor. */
export async function createClassroom(
  o: { startDate?: Date; innovatorName?: string; otherName?: string } = {},
): Promise<Classroom> {
  const innovator = await createUser({
    roles: ['innovator'],
    name: o.innovatorName,
    country: 'RS',
  });
  const otherInnovator = await createUser({
    roles: ['innovator'],
    name: o.otherName,
    country: 'GR',
  });
  const mentor = await createUser({ roles: ['mentor'], name: 'Mentor Marija' });
  const otherMentor = await createUser({ roles: ['mentor'], name: 'Mentor Nikos' });
  const cohort = await createCohort({
    startDate: o.startDate ?? new Date(),
    members: [innovator.id, otherInnovator.id, mentor.id, otherMentor.id],
    countries: ['RS', 'GR'],
  });
  await assignMentor(cohort.id, innovator.id, mentor.id);
  await assignMentor(cohort.id, otherInnovator.id, otherMentor.id);
  return { cohortId: cohort.id, innovator, mentor, otherInnovator, otherMentor };
}

/** A small but real PDF (file-type recognises it by its header). */
export function pdfBytes(text = 'Snapshot of the Šabac library'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'utf8',
  );
}

/** A 2x2 PNG. */
export function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 2, height: 2, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
}

/** A Windows program: refused whatever it is called. */
export function exeBytes(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
