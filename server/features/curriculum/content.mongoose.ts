/**
 * Mongoose sub-schemas mirroring content.schemas.ts. zod validates at the edges (files, forms);
 * these are the last line: types, enums and required ids. `_id: false` everywhere because blocks,
 * questions and criteria carry their own stable slug ids.
 */
import { Schema } from 'mongoose';
import { BLOCK_TYPES, QUESTION_KINDS, type LessonContent } from './content.schemas.js';

const opts = { _id: false } as const;

const optionSchema = new Schema({ text: { type: String, required: true }, correct: { type: Boolean, default: false } }, opts);

const questionSchema = new Schema(
  {
    id: { type: String, required: true },
    kind: { type: String, enum: QUESTION_KINDS, required: true },
    prompt: { type: String, required: true },
    options: { type: [optionSchema], default: undefined },
    answer: { type: Boolean },
    accepted: { type: [String], default: undefined },
    feedback: { type: String, default: '' },
  },
  opts,
);

const quizSchema = new Schema(
  {
    id: { type: String, required: true },
    title: { type: String, required: true },
    passMark: { type: Number, required: true, min: 0, max: 100 },
    attempts: { type: Number, required: true, min: 0 },
    questions: { type: [questionSchema], required: true },
  },
  opts,
);

const levelSchema = new Schema({ title: String, points: Number, description: { type: String, default: '' } }, opts);
const criterionSchema = new Schema(
  { id: { type: String, required: true }, title: String, description: { type: String, default: '' }, levels: [levelSchema] },
  opts,
);

const assignmentSchema = new Schema(
  {
    id: { type: String, required: true },
    title: { type: String, required: true },
    instructions: { type: String, required: true },
    deliverables: { type: [String], default: undefined },
    allowFiles: { type: Boolean, default: true },
    dueDays: { type: Number, required: true, min: 0 },
    final: { type: Boolean, default: false },
    rubric: { criteria: { type: [criterionSchema], required: true } },
  },
  opts,
);

const storedFileSchema = new Schema(
  { storedName: String, originalName: String, mime: String, size: Number, sha256: String, sourcePath: String },
  opts,
);

// One flat block schema: which fields are set depends on `type` (checked by zod before saving).
const blockSchema = new Schema(
  {
    id: { type: String, required: true },
    type: { type: String, enum: BLOCK_TYPES, required: true },
    markdown: String,
    url: String,
    title: String,
    prompt: String,
    file: { type: storedFileSchema, default: undefined },
    quiz: { type: quizSchema, default: undefined },
    assignment: { type: assignmentSchema, default: undefined },
    sourceFile: String,
  },
  opts,
);

/** A lesson's content: used twice on a lesson (draft and published) and in revisions. */
export const lessonContentMongoose = new Schema<LessonContent>(
  {
    title: { type: String, required: true },
    minutes: { type: Number, default: null },
    blocks: { type: [blockSchema], default: [] },
    translations: { type: Schema.Types.Mixed, default: {} },
  },
  opts,
);
