/**
 * Lesson content -> what a page shows: Markdown rendered and sanitised, video blocks as
 * privacy-friendly links, quizzes WITHOUT their answers (correct flags, accepted answers and
 * feedback stay on the server; grading uses findQuiz()), a table of contents for long lessons.
 * Used for learners (published, cached) and for the author's preview (draft).
 */
import { renderInlineMarkdown, renderMarkdown, SlugRegistry, type Heading, type ImageSizeLookup } from '../content/markdown.js';
import { renderVideo } from '../content/video.js';
import type { Block, LessonContent, Rubric } from './content.schemas.js';

/** Where a stored lesson file is downloaded from (the route checks the viewer's access). */
export function assetUrl(storedName: string): string {
  return `/curriculum/assets/${encodeURIComponent(storedName)}`;
}

export interface PublicQuestion {
  id: string;
  kind: 'single' | 'multiple' | 'truefalse' | 'short';
  promptHtml: string;
  /** Choices to show: option index as value (single/multiple) or "true"/"false". */
  options: { value: string; text: string }[];
}

export type RenderedBlock =
  | { id: string; type: 'text'; html: string }
  | { id: string; type: 'video'; html: string; url: string; title: string }
  | { id: string; type: 'resource'; title: string; href: string; fileName: string; mime: string; size: number }
  | { id: string; type: 'reflection'; promptHtml: string }
  | { id: string; type: 'quiz'; quiz: { id: string; title: string; passMark: number; attempts: number; questions: PublicQuestion[] } }
  | {
      id: string;
      type: 'assignment';
      assignment: { id: string; title: string; instructionsHtml: string; deliverables: string[]; allowFiles: boolean; dueDays: number; final: boolean; rubric: Rubric; maxPoints: number };
    };

export interface RenderedLesson {
  blocks: RenderedBlock[];
  /** h2/h3 headings of the text blocks, in order. */
  toc: Heading[];
  /** True when the lesson is long enough to deserve a table of contents (3+ sections). */
  showToc: boolean;
}

export const TOC_MIN_HEADINGS = 3;

/** Highest score a rubric allows: the best level of every criterion. */
export function rubricMaxPoints(rubric: Rubric): number {
  return rubric.criteria.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => l.points)), 0);
}

function renderBlock(block: Block, slugs: SlugRegistry, toc: Heading[], imageSize?: ImageSizeLookup): RenderedBlock {
  switch (block.type) {
    case 'text': {
      const out = renderMarkdown(block.markdown, slugs, imageSize);
      toc.push(...out.headings.filter((h) => h.level === 2 || h.level === 3));
      return { id: block.id, type: 'text', html: out.html };
    }
    case 'video':
      return { id: block.id, type: 'video', html: renderVideo(block.url, block.title), url: block.url, title: block.title };
    case 'resource':
      return { id: block.id, type: 'resource', title: block.title, href: assetUrl(block.file.storedName), fileName: block.file.originalName, mime: block.file.mime, size: block.file.size };
    case 'reflection':
      return { id: block.id, type: 'reflection', promptHtml: renderMarkdown(block.prompt, undefined, imageSize).html };
    case 'quiz': {
      const { quiz } = block;
      const questions = quiz.questions.map<PublicQuestion>((q) => ({
        id: q.id,
        kind: q.kind,
        promptHtml: renderInlineMarkdown(q.prompt, imageSize),
        options:
          q.kind === 'truefalse'
            ? [{ value: 'true', text: 'True' }, { value: 'false', text: 'False' }]
            : q.options.map((o, i) => ({ value: String(i), text: o.text })),
      }));
      return { id: block.id, type: 'quiz', quiz: { id: quiz.id, title: quiz.title, passMark: quiz.passMark, attempts: quiz.attempts, questions } };
    }
    case 'assignment': {
      const a = block.assignment;
      return {
        id: block.id,
        type: 'assignment',
        assignment: {
          id: a.id,
          title: a.title,
          instructionsHtml: renderMarkdown(a.instructions, undefined, imageSize).html,
          deliverables: a.deliverables,
          allowFiles: a.allowFiles,
          dueDays: a.dueDays,
          final: a.final,
          rubric: a.rubric,
          maxPoints: rubricMaxPoints(a.rubric),
        },
      };
    }
  }
}

/**
 * Renders every block of a lesson with heading ids unique across the page; `imageSize` (see
 * imageSizeLookup in lesson-assets.service.ts) gives images their width and height.
 */
export function renderLesson(content: LessonContent, imageSize?: ImageSizeLookup): RenderedLesson {
  const slugs = new SlugRegistry();
  const toc: Heading[] = [];
  const blocks = content.blocks.map((b) => renderBlock(b, slugs, toc, imageSize));
  return { blocks, toc, showToc: toc.length >= TOC_MIN_HEADINGS };
}
