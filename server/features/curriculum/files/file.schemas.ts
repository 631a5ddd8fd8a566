/**
 * The shapes of the files in curriculum/ (see /work/curriculum-format.md and curriculum/README.md).
 * Unknown keys are errors so a typo such as `passmark:` is reported instead of silently ignored.
 * Quizzes and assignments reuse the content schemas unchanged.
 */
import { z } from 'zod';
import { slug } from '../content.schemas.js';

const required = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const programmeFileSchema = z.strictObject({
  slug,
  title: required(200),
  summary: z.string().trim().max(1000).default(''),
});

export const moduleFileSchema = z.strictObject({
  slug,
  title: required(200),
  effortHours: z.number().min(0).max(1000),
  outcomes: z.array(required(500)).max(20).default([]),
  prerequisites: z.array(slug).max(20).default([]),
});

/** Quiz and assignment blocks are checked in two steps: here only `type` and `file`. */
const referenceBlock = (type: 'quiz' | 'assignment') =>
  z.looseObject({ type: z.literal(type), file: z.string().min(1).optional() });

export const fileBlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), id: slug.optional() }),
  z.strictObject({ type: z.literal('video'), id: slug.optional(), url: z.string().trim().min(1), title: required(300) }),
  z.strictObject({ type: z.literal('resource'), id: slug, title: required(300), file: z.string().min(1) }),
  z.strictObject({ type: z.literal('reflection'), id: slug, prompt: required(4000) }),
  referenceBlock('quiz'),
  referenceBlock('assignment'),
]);

export const lessonFileSchema = z.strictObject({
  slug,
  title: required(200),
  minutes: z.number().int().min(1).max(1000).optional(),
  blocks: z.array(fileBlockSchema).max(100).optional(),
});

export type ProgrammeFile = z.infer<typeof programmeFileSchema>;
export type ModuleFile = z.infer<typeof moduleFileSchema>;
export type FileBlock = z.infer<typeof fileBlockSchema>;
export type LessonFile = z.infer<typeof lessonFileSchema>;

/** Folder and file names: `<NN>-<slug>` with NN the order. */
export const NUMBERED_NAME = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
