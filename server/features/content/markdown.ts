/**
 * Markdown -> safe HTML. markdown-it does the parsing (raw HTML allowed so authors can use a
 * <details> or <abbr>); sanitize() is the gate every result passes. Headings get ids and a
 * permalink so a table of contents can point at them. Images get width and height when the caller
 * knows their pixel size (a lookup by src), so the page does not jump as lazy images load.
 */
import MarkdownIt from 'markdown-it';
import { sanitize } from './sanitize.js';

export interface Heading {
  level: number;
  text: string;
  id: string;
}

/** Pixel size of an image by its `src`, or undefined when unknown (the <img> then has no size). */
export type ImageSizeLookup = (src: string) => { width: number; height: number } | undefined;

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
}

/** Tracks heading ids across several Markdown chunks of one page so ids stay unique. */
export class SlugRegistry {
  private readonly used = new Map<string, number>();

  /** Returns a unique URL-safe id for a heading text. */
  take(text: string): string {
    const base =
      text
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .trim()
        .replace(/\s+/g, '-')
        .slice(0, 60) || 'section';
    const count = this.used.get(base) ?? 0;
    this.used.set(base, count + 1);
    return count === 0 ? `h-${base}` : `h-${base}-${count + 1}`;
  }
}

interface RenderEnv {
  slugs: SlugRegistry;
  headings: Heading[];
  imageSize?: ImageSizeLookup;
}

const isPixels = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;

function createParser() {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  md.core.ruler.push('heading_anchors', (state) => {
    const env = state.env as unknown as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i];
      if (open.type !== 'heading_open') continue;
      const inline = tokens[i + 1];
      const text =
        inline.children
          ?.filter((t) => t.type === 'text' || t.type === 'code_inline')
          .map((t) => t.content)
          .join('') ?? inline.content;
      const id = env.slugs.take(text);
      open.attrSet('id', id);
      env.headings.push({ level: Number(open.tag.slice(1)), text, id });
      // A permalink after the heading text; its visible "#" is hidden from screen readers.
      const link = new state.Token('html_inline', '', 0);
      link.content = ` <a class="heading-anchor" href="#${id}" aria-label="Link to this section"><span aria-hidden="true">#</span></a>`;
      inline.children?.push(link);
    }
  });
  const renderImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const size = (env as unknown as RenderEnv).imageSize?.(String(token.attrGet('src') ?? ''));
    // Only whole positive numbers: the sanitiser lets width/height through as written.
    if (size && isPixels(size.width) && isPixels(size.height)) {
      token.attrSet('width', String(size.width));
      token.attrSet('height', String(size.height));
    }
    return renderImage ? renderImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

const parser = createParser();

/**
 * Renders one Markdown chunk; pass a shared registry when several chunks form one page, and
 * `imageSize` to give images their width and height.
 */
export function renderMarkdown(
  source: string,
  slugs: SlugRegistry = new SlugRegistry(),
  imageSize?: ImageSizeLookup,
): RenderedMarkdown {
  const env: RenderEnv = { slugs, headings: [], imageSize };
  const html = sanitize(parser.render(source, env as unknown as Record<string, unknown>));
  return { html, headings: env.headings };
}

/** Renders short Markdown (a quiz prompt, a feedback line) without heading anchors in the page TOC. */
export function renderInlineMarkdown(source: string, imageSize?: ImageSizeLookup): string {
  const env: RenderEnv = { slugs: new SlugRegistry(), headings: [], imageSize };
  return sanitize(parser.renderInline(source, env as unknown as Record<string, unknown>));
}
