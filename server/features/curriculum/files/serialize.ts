/**
 * Content -> the file format (the inverse of read-lesson/read-programme). Keys are written in the
 * order the format documents, defaults are left out, and re-reading the output gives back equal
 * content: that is what makes import -> export -> import lossless. Also used to show readable
 * diffs between revisions.
 */
import { stringify } from 'yaml';
import type { Assignment, Block, LessonContent, Question, Quiz } from '../content.schemas.js';
import { BLOCK_SEPARATOR } from './front-matter.js';

const YAML_OPTIONS = { lineWidth: 0, blockQuote: 'literal' as const };

/** YAML text in the house style (no folding of long lines, `|` for multi-line text). */
export function toYaml(value: unknown): string {
  return stringify(value, YAML_OPTIONS);
}

/** A Markdown file with front matter. */
export function withFrontMatter(meta: Record<string, unknown>, body: string): string {
  const trimmed = body.trim();
  return `---\n${toYaml(meta)}---\n${trimmed ? `${trimmed}\n` : ''}`;
}

function question(q: Question): Record<string, unknown> {
  const out: Record<string, unknown> = { id: q.id, kind: q.kind, prompt: q.prompt };
  if (q.kind === 'single' || q.kind === 'multiple') out.options = q.options.map((o) => (o.correct ? { text: o.text, correct: true } : { text: o.text }));
  if (q.kind === 'truefalse') out.answer = q.answer;
  if (q.kind === 'short') out.accepted = q.accepted;
  if (q.feedback) out.feedback = q.feedback;
  return out;
}

/** The quiz as the mapping written to quiz.yaml (or inline in a block). */
export function quizData(quiz: Quiz): Record<string, unknown> {
  return { id: quiz.id, title: quiz.title, passMark: quiz.passMark, attempts: quiz.attempts, questions: quiz.questions.map(question) };
}

/** The assignment as the mapping written to assignment.yaml (or inline in a block). */
export function assignmentData(a: Assignment): Record<string, unknown> {
  return {
    id: a.id,
    title: a.title,
    instructions: a.instructions,
    deliverables: a.deliverables,
    allowFiles: a.allowFiles,
    dueDays: a.dueDays,
    final: a.final,
    rubric: {
      criteria: a.rubric.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        ...(c.description ? { description: c.description } : {}),
        levels: c.levels.map((l) => ({ title: l.title, points: l.points, ...(l.description ? { description: l.description } : {}) })),
      })),
    },
  };
}

/** A file the lesson needs next to it: a quiz/assignment YAML or a resource to copy. */
export type SiblingFile = { relPath: string; text: string } | { relPath: string; storedName: string };

export interface SerializedLesson {
  text: string;
  siblings: SiblingFile[];
}

/** Serialises a lesson; `usedPaths` (per module) keeps resource file names from colliding. */
export function serializeLesson(slug: string, content: LessonContent, usedPaths: Set<string> = new Set()): SerializedLesson {
  const siblings: SiblingFile[] = [];
  const chunks: string[] = [];
  const counters = { text: 0, video: 0 };
  const blocks = content.blocks.map((block) => fileBlock(block, counters, chunks, siblings, usedPaths));
  const onlyDefaultText = content.blocks.every((b, i) => b.type === 'text' && b.id === `text-${i + 1}`);
  const meta: Record<string, unknown> = { slug, title: content.title };
  if (content.minutes !== null) meta.minutes = content.minutes;
  if (!onlyDefaultText || content.blocks.length === 0) meta.blocks = blocks;
  return { text: withFrontMatter(meta, chunks.join(`\n\n${BLOCK_SEPARATOR}\n\n`)), siblings };
}

function fileBlock(block: Block, counters: { text: number; video: number }, chunks: string[], siblings: SiblingFile[], usedPaths: Set<string>): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      counters.text += 1;
      chunks.push(block.markdown);
      return block.id === `text-${counters.text}` ? { type: 'text' } : { type: 'text', id: block.id };
    case 'video':
      counters.video += 1;
      return { type: 'video', ...(block.id === `video-${counters.video}` ? {} : { id: block.id }), url: block.url, title: block.title };
    case 'reflection':
      return { type: 'reflection', id: block.id, prompt: block.prompt };
    case 'resource': {
      let relPath = block.file.sourcePath ?? `resources/${block.file.originalName}`;
      if (usedPaths.has(relPath)) relPath = `resources/${block.id}-${block.file.originalName}`;
      usedPaths.add(relPath);
      siblings.push({ relPath, storedName: block.file.storedName });
      return { type: 'resource', id: block.id, title: block.title, file: relPath };
    }
    case 'quiz':
    case 'assignment': {
      const data = block.type === 'quiz' ? quizData(block.quiz) : assignmentData(block.assignment);
      if (!block.sourceFile || usedPaths.has(block.sourceFile)) return { type: block.type, ...data };
      usedPaths.add(block.sourceFile);
      siblings.push({ relPath: block.sourceFile, text: toYaml(data) });
      return { type: block.type, file: block.sourceFile };
    }
  }
}
