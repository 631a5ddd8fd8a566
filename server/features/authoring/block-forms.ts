/**
 * Block edit forms <-> blocks. Forms use flat field names (the app parses urlencoded bodies
 * without nesting): quiz question i is `q{i}_prompt`, its option j `q{i}_o{j}_text`; rubric
 * criterion i is `c{i}_title`, its level j `c{i}_l{j}_points`. Empty option/level rows are
 * ignored and rows ticked "remove" dropped; zod errors are mapped back to the row's field names.
 */
import type { z } from 'zod';
import {
  blockSchema,
  type Block,
  type BlockType,
  type StoredFile,
} from '../curriculum/content.schemas.js';
import { capitalise } from './authoring.schemas.js';

export type FormBody = Record<string, unknown>;
export const OPTION_ROWS = 5;
export const LEVEL_ROWS = 4;

export interface ParsedBlockForm {
  block: Block | null;
  fieldErrors: Record<string, string>;
}

const str = (body: FormBody, key: string): string =>
  (typeof body[key] === 'string' ? (body[key] as string) : '').replace(/\r\n?/g, '\n');
const trimmed = (body: FormBody, key: string): string => str(body, key).trim();
const checked = (body: FormBody, key: string): boolean =>
  ['1', 'on', 'true'].includes(str(body, key));
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** A number field: empty stays undefined so zod reports "required" rather than 0. */
const num = (body: FormBody, key: string): number | undefined =>
  trimmed(body, key) === '' ? undefined : Number(trimmed(body, key));
/** How many repeated rows the form holds (bounded so a crafted body cannot make us loop forever). */
export const rowCount = (body: FormBody, key: string, max: number): number =>
  Math.min(max, Math.max(0, Number.parseInt(str(body, key), 10) || 0));

interface RowMap {
  questions: number[];
  options: number[][];
  criteria: number[];
  levels: number[][];
}

function quizFromForm(body: FormBody, rows: RowMap) {
  const questions = [];
  for (let i = 0; i < rowCount(body, 'questionCount', 50); i++) {
    if (checked(body, `q${i}_remove`)) continue;
    const kind = trimmed(body, `q${i}_kind`);
    const optionRows: number[] = [];
    const options = [];
    for (let j = 0; j < OPTION_ROWS; j++) {
      const text = trimmed(body, `q${i}_o${j}_text`);
      if (!text) continue;
      optionRows.push(j);
      options.push({ text, correct: checked(body, `q${i}_o${j}_correct`) });
    }
    rows.questions.push(i);
    rows.options.push(optionRows);
    const answer = trimmed(body, `q${i}_answer`);
    questions.push({
      id: trimmed(body, `q${i}_id`),
      kind,
      prompt: trimmed(body, `q${i}_prompt`),
      options: kind === 'single' || kind === 'multiple' ? options : [],
      ...(kind === 'truefalse' && answer ? { answer: answer === 'true' } : {}),
      accepted: kind === 'short' ? lines(str(body, `q${i}_accepted`)) : [],
      feedback: trimmed(body, `q${i}_feedback`),
    });
  }
  return {
    id: trimmed(body, 'id'),
    title: trimmed(body, 'title'),
    passMark: num(body, 'passMark'),
    attempts: num(body, 'attempts'),
    questions,
  };
}

function rubricFromForm(body: FormBody, rows: RowMap) {
  const criteria = [];
  for (let i = 0; i < rowCount(body, 'criterionCount', 20); i++) {
    if (checked(body, `c${i}_remove`)) continue;
    const levelRows: number[] = [];
    const levels = [];
    for (let j = 0; j < LEVEL_ROWS; j++) {
      const title = trimmed(body, `c${i}_l${j}_title`);
      if (!title && !trimmed(body, `c${i}_l${j}_points`)) continue;
      levelRows.push(j);
      levels.push({
        title,
        points: num(body, `c${i}_l${j}_points`),
        description: trimmed(body, `c${i}_l${j}_description`),
      });
    }
    rows.criteria.push(i);
    rows.levels.push(levelRows);
    criteria.push({
      id: trimmed(body, `c${i}_id`),
      title: trimmed(body, `c${i}_title`),
      description: trimmed(body, `c${i}_description`),
      levels,
    });
  }
  return { criteria };
}

/** The raw block object a form describes, before validation. */
function rawBlock(
  type: BlockType,
  body: FormBody,
  id: string,
  rows: RowMap,
  file?: StoredFile,
): Record<string, unknown> {
  switch (type) {
    case 'text':
      return { id, type, markdown: str(body, 'markdown').trim() };
    case 'video':
      return { id, type, url: trimmed(body, 'url'), title: trimmed(body, 'title') };
    case 'reflection':
      return { id, type, prompt: trimmed(body, 'prompt') };
    case 'resource':
      return { id, type, title: trimmed(body, 'title'), file };
    case 'quiz': {
      const quiz = quizFromForm(body, rows);
      return { id: quiz.id, type, quiz };
    }
    case 'assignment': {
      const assignment = {
        id: trimmed(body, 'id'),
        title: trimmed(body, 'title'),
        instructions: str(body, 'instructions').trim(),
        deliverables: lines(str(body, 'deliverables')),
        allowFiles: checked(body, 'allowFiles'),
        dueDays: num(body, 'dueDays'),
        final: checked(body, 'final'),
        rubric: rubricFromForm(body, rows),
      };
      return { id: assignment.id, type, assignment };
    }
  }
}

/** The form field a zod issue path (inside the block) belongs to. */
function fieldFor(path: PropertyKey[], rows: RowMap): string {
  const p = path.map(String);
  const inner = p[0] === 'quiz' || p[0] === 'assignment' ? p.slice(1) : p;
  if (inner[0] === 'questions' && inner.length > 1) {
    const q = Number(inner[1]);
    const row = rows.questions[q];
    if (inner[2] === 'options' && inner.length > 3)
      return `q${row}_o${rows.options[q]?.[Number(inner[3])] ?? 0}_text`;
    return `q${row}_${inner[2] ?? 'prompt'}`;
  }
  if (inner[0] === 'rubric' && inner[1] === 'criteria' && inner.length > 2) {
    const c = Number(inner[2]);
    const row = rows.criteria[c];
    if (inner[3] === 'levels' && inner.length > 4)
      return `c${row}_l${rows.levels[c]?.[Number(inner[4])] ?? 0}_${inner[5] ?? 'title'}`;
    return `c${row}_${inner[3] ?? 'title'}`;
  }
  if (inner[0] === 'rubric') return 'criteria';
  if (inner[0] === 'file') return 'file';
  return inner[0] ?? '_form';
}

function message(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' ? 'This field is required.' : capitalise(issue.message);
}

/**
 * Validates a block form. `id` is the block's id for text/video (kept from the existing block or
 * generated); the other types take theirs from the form. `file` is a resource's stored file.
 */
export function parseBlockForm(
  type: BlockType,
  body: FormBody,
  id: string,
  file?: StoredFile,
): ParsedBlockForm {
  const rows: RowMap = { questions: [], options: [], criteria: [], levels: [] };
  const raw = rawBlock(
    type,
    body,
    type === 'text' || type === 'video' ? id : trimmed(body, 'id'),
    rows,
    file,
  );
  const parsed = blockSchema.safeParse(raw);
  if (parsed.success) return { block: parsed.data, fieldErrors: {} };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldFor(issue.path, rows);
    fieldErrors[field] ??= message(issue);
  }
  return { block: null, fieldErrors };
}
