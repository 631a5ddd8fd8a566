/**
 * A small programme for learning/progress tests, written as curriculum files and imported with the
 * real importer: three modules (B needs A, C needs B), a reflection, a quiz (pass mark 60%,
 * 2 attempts) and an assignment, so every rule of issue 6 can be exercised quickly.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../../server/config/env.js';
import { Certificate } from '../../../server/features/certificates/certificate.model.js';
import { importCurriculum } from '../../../server/features/curriculum/curriculum-import.service.js';
import { Reflection } from '../../../server/features/journal/reflection.model.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';

export const COURSE = {
  programme: 'test-innovators',
  title: 'Test Innovators Programme',
  modules: {
    mindset: {
      slug: 'mindset',
      title: 'The innovator mindset',
      lessons: ['why-innovate', 'habits', 'mindset-check'],
    },
    planning: {
      slug: 'planning',
      title: 'Strategic planning',
      lessons: ['environment-scan', 'swot'],
    },
    design: { slug: 'design', title: 'Service design', lessons: ['personas'] },
  },
  reflectionId: 'habits-reflection',
  quizId: 'mindset-quiz',
  /** Correct answers to the quiz as form fields. */
  rightAnswers: { q_q1: '1', q_q2: ['0', '2'], q_q3: 'false' } as Record<string, string | string[]>,
  /** One right answer of three: 33%, below the pass mark. */
  wrongAnswers: { q_q1: '0', q_q2: ['1'], q_q3: 'false' } as Record<string, string | string[]>,
  /** Appear in the quiz file but must never reach the page before submission. */
  secretFeedback: 'SECRET-FEEDBACK-Q1',
} as const;

const quizYaml = `id: mindset-quiz
title: Check your understanding
passMark: 60
attempts: 2
questions:
  - id: q1
    kind: single
    prompt: What starts innovation in a library?
    options:
      - text: Buying new technology
      - text: A community need
        correct: true
      - text: A new logo
    feedback: ${COURSE.secretFeedback} A need comes first.
  - id: q2
    kind: multiple
    prompt: Which are habits of an innovator?
    options:
      - text: Curiosity about people
        correct: true
      - text: Waiting for a bigger budget
      - text: A bias towards small action
        correct: true
    feedback: Curiosity and small action.
  - id: q3
    kind: truefalse
    prompt: A failed experiment is wasted time.
    answer: false
    feedback: Failure is evidence.
`;

const assignmentYaml = `id: planning-assignment
title: Your action plan
instructions: Write a one-page action plan.
deliverables:
  - An action plan
allowFiles: true
dueDays: 30
final: false
rubric:
  criteria:
    - id: clarity
      title: Clarity
      levels:
        - title: Clear
          points: 2
        - title: Unclear
          points: 0
`;

function lessonFile(
  slug: string,
  title: string,
  frontMatterBlocks = '',
  body = `Text of ${title}.`,
): string {
  return `---\nslug: ${slug}\ntitle: ${title}\nminutes: 10\n${frontMatterBlocks}---\n${body}\n`;
}

function moduleFile(slug: string, title: string, prerequisites: string[]): string {
  const prereq = prerequisites.length
    ? `\n${prerequisites.map((p) => `  - ${p}`).join('\n')}`
    : ' []';
  return `---\nslug: ${slug}\ntitle: ${title}\neffortHours: 2\noutcomes:\n  - Explain ${title.toLowerCase()}.\nprerequisites:${prereq}\n---\nIntro to ${title}.\n`;
}

/** Writes the test programme's files into a fresh folder; `extraLesson` adds a 4th mindset lesson. */
export function writeCourseFiles(opts: { extraLesson?: boolean } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'atelier-course-'));
  const dir = path.join(root, COURSE.programme);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write(
    'programme.md',
    `---\nslug: ${COURSE.programme}\ntitle: ${COURSE.title}\nsummary: A short programme for tests.\n---\nDescription.\n`,
  );
  write('01-mindset/module.md', moduleFile('mindset', 'The innovator mindset', []));
  write(
    '01-mindset/01-why-innovate.md',
    lessonFile(
      'why-innovate',
      'Why libraries innovate',
      '',
      '## Trends\n\nLibraries change with their towns.',
    ),
  );
  write(
    '01-mindset/02-habits.md',
    lessonFile(
      'habits',
      'Habits of innovators',
      `blocks:\n  - type: text\n  - type: reflection\n    id: ${COURSE.reflectionId}\n    prompt: Which habit do you practise already?\n`,
    ),
  );
  write(
    '01-mindset/03-mindset-check.md',
    lessonFile(
      'mindset-check',
      'Check your mindset',
      'blocks:\n  - type: text\n  - type: quiz\n    file: quiz.yaml\n',
    ),
  );
  write('01-mindset/quiz.yaml', quizYaml);
  if (opts.extraLesson)
    write('01-mindset/04-more-habits.md', lessonFile('more-habits', 'More habits'));
  write('02-planning/module.md', moduleFile('planning', 'Strategic planning', ['mindset']));
  write('02-planning/01-environment-scan.md', lessonFile('environment-scan', 'Environment scan'));
  write(
    '02-planning/02-swot.md',
    lessonFile(
      'swot',
      'SWOT analysis',
      'blocks:\n  - type: text\n  - type: assignment\n    file: assignment.yaml\n',
    ),
  );
  write('02-planning/assignment.yaml', assignmentYaml);
  write('03-design/module.md', moduleFile('design', 'Service design', ['planning']));
  write('03-design/01-personas.md', lessonFile('personas', 'Personas'));
  return root;
}

/** Imports the test programme (published) into the test database. */
export async function seedCourse(
  config: Config,
  opts: { extraLesson?: boolean } = {},
): Promise<void> {
  await importCurriculum(writeCourseFiles(opts), {
    uploadsDir: config.uploadsDir,
    maxResourceBytes: 5 * 1024 * 1024,
  });
}

/** The URL of a lesson of the test programme. */
export function lessonUrl(moduleSlug: string, lessonSlug: string): string {
  return `/learn/${moduleSlug}/${lessonSlug}`;
}

/** Removes learners' progress, reflections and certificates, keeping the imported content. */
export async function clearLearnerData(): Promise<void> {
  await Promise.all([
    LessonProgress.deleteMany({}),
    Reflection.deleteMany({}),
    Certificate.deleteMany({}),
  ]);
}
