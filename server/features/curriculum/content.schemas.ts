/**
 * The shape of curriculum content, as zod schemas: the single source of truth for what a lesson,
 * a quiz and an assignment hold. Import, authoring forms and the models all check against these.
 *
 * Translations: every text field holds the source-locale (English) string. Each translatable
 * record carries a `translations` map `{ [locale]: { [fieldKey]: string } }` whose field keys use
 * stable ids (`title`, `blocks.<blockId>.markdown`, `quiz.questions.<qid>.prompt` ...). It stays
 * empty until the translation issue fills it; readers fall back to the source string.
 */
import { z } from 'zod';
import { parseVideoUrl } from '../content/video.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(SLUG_PATTERN, 'use lowercase letters, digits and single hyphens (e.g. "swot-template")');
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const videoUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => parseVideoUrl(u) !== null, 'must be a YouTube or Vimeo video URL');

export const translationsSchema = z.record(z.string(), z.record(z.string(), z.string())).default({});

export const optionSchema = z.strictObject({ text: required(500), correct: z.boolean().default(false) });

export const QUESTION_KINDS = ['single', 'multiple', 'truefalse', 'short'] as const;
export const questionSchema = z
  .strictObject({
    id: slug,
    kind: z.enum(QUESTION_KINDS),
    prompt: required(4000),
    options: z.array(optionSchema).max(8).default([]),
    answer: z.boolean().optional(),
    accepted: z.array(required(200)).max(20).default([]),
    feedback: text(4000).default(''),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (q.kind === 'single' || q.kind === 'multiple') {
      if (q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'needs at least two options' });
      if (q.kind === 'single' && correct !== 1)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'a single-choice question needs exactly one correct option' });
      if (q.kind === 'multiple' && correct < 1)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'a multiple-choice question needs at least one correct option' });
    }
    if (q.kind === 'truefalse' && q.answer === undefined)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'a true/false question needs `answer: true` or `answer: false`' });
    if (q.kind === 'short' && q.accepted.length === 0)
      ctx.addIssue({ code: 'custom', path: ['accepted'], message: 'a short-answer question needs at least one accepted answer' });
  });

export const quizSchema = z
  .strictObject({
    id: slug,
    title: required(200),
    passMark: z.number().int().min(0).max(100),
    attempts: z.number().int().min(0).max(100),
    questions: z.array(questionSchema).min(1, 'a quiz needs at least one question').max(50),
  })
  .superRefine((quiz, ctx) => uniqueIds(quiz.questions, ['questions'], 'question', ctx));

export const levelSchema = z.strictObject({
  title: required(100),
  points: z.number().min(0).max(1000),
  description: text(2000).default(''),
});

export const criterionSchema = z.strictObject({
  id: slug,
  title: required(200),
  description: text(2000).default(''),
  levels: z.array(levelSchema).min(2, 'a criterion needs at least two levels').max(6),
});

export const rubricSchema = z
  .strictObject({ criteria: z.array(criterionSchema).min(1, 'a rubric needs at least one criterion').max(20) })
  .superRefine((rubric, ctx) => uniqueIds(rubric.criteria, ['criteria'], 'criterion', ctx));

export const assignmentSchema = z.strictObject({
  id: slug,
  title: required(200),
  instructions: required(20000),
  deliverables: z.array(required(500)).max(20).default([]),
  allowFiles: z.boolean().default(true),
  dueDays: z.number().int().min(0).max(3650),
  final: z.boolean().default(false),
  rubric: rubricSchema,
});

export const storedFileSchema = z.strictObject({
  storedName: z.string().min(1),
  originalName: z.string().min(1),
  mime: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the file lives relative to the module folder in curriculum/ (kept for export). */
  sourcePath: z.string().optional(),
});

export const blockSchema = z.discriminatedUnion('type', [
  z.strictObject({ id: slug, type: z.literal('text'), markdown: z.string().max(100000) }),
  z.strictObject({ id: slug, type: z.literal('video'), url: videoUrl, title: required(300) }),
  z.strictObject({ id: slug, type: z.literal('resource'), title: required(300), file: storedFileSchema }),
  z.strictObject({ id: slug, type: z.literal('reflection'), prompt: required(4000) }),
  z.strictObject({ id: slug, type: z.literal('quiz'), quiz: quizSchema, sourceFile: z.string().optional() }),
  z.strictObject({ id: slug, type: z.literal('assignment'), assignment: assignmentSchema, sourceFile: z.string().optional() }),
]);

export const BLOCK_TYPES = ['text', 'video', 'resource', 'reflection', 'quiz', 'assignment'] as const;

export const lessonContentSchema = z
  .strictObject({
    title: required(200),
    minutes: z.number().int().min(1).max(1000).nullable().default(null),
    blocks: z.array(blockSchema).max(100),
    translations: translationsSchema,
  })
  .superRefine((content, ctx) => uniqueIds(content.blocks, ['blocks'], 'block', ctx));

export type Option = z.infer<typeof optionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type RubricLevel = z.infer<typeof levelSchema>;
export type RubricCriterion = z.infer<typeof criterionSchema>;
export type Rubric = z.infer<typeof rubricSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;
export type StoredFile = z.infer<typeof storedFileSchema>;
export type Block = z.infer<typeof blockSchema>;
export type BlockType = Block['type'];
export type LessonContent = z.infer<typeof lessonContentSchema>;
export type Translations = z.infer<typeof translationsSchema>;

function uniqueIds(items: { id: string }[], path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate ${what} id "${item.id}"` });
    seen.add(item.id);
  });
}
