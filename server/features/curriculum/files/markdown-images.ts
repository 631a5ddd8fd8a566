/**
 * Finding and rewriting image references in Markdown. Parsing with markdown-it (configured like
 * the renderer) rather than a regular expression means images inside code blocks are ignored and
 * reference-style images are found, exactly as the learner's page would show them.
 */
import MarkdownIt from 'markdown-it';

const parser = new MarkdownIt({ html: true, linkify: true });

export interface ImageRef {
  /** The destination as markdown-it normalised it (percent-encoded). */
  src: string;
  /** Line within the Markdown text, counting from 0 (the line of its paragraph when unsure). */
  line: number;
}

/** Every image in `markdown`, in order. */
export function findImages(markdown: string): ImageRef[] {
  const found: ImageRef[] = [];
  let lastLine = 0;
  for (const token of parser.parse(markdown, {})) {
    if (token.map) lastLine = token.map[0];
    if (token.type !== 'inline' || !token.children) continue;
    let line = token.map?.[0] ?? lastLine;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
      if (child.type === 'image') found.push({ src: String(child.attrGet('src') ?? ''), line });
    }
  }
  return found;
}

/** True for a path relative to the file (not a URL, not site-absolute, not a fragment). */
export function isRelativeSrc(src: string): boolean {
  return src !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('/') && !src.startsWith('#');
}

/** The destination decoded back to the text a person wrote (markdown-it percent-encodes it). */
export function decodeSrc(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the destination `src` of an image with `replacement` wherever it is written as a link
 * destination (`](dest` or a `[ref]: dest` definition, bare or in <angle brackets>). Returns null
 * when it is written in a way this does not recognise.
 */
export function replaceImageSrc(markdown: string, src: string, replacement: string): string | null {
  const spellings = [...new Set([decodeSrc(src), src])].map(escapeRegExp).join('|');
  const pattern = new RegExp(`(\\]\\(\\s*|^ {0,3}\\[[^\\]\\n]+\\]:[ \\t]*)(<(?:${spellings})>|(?:${spellings})(?=[\\s)]|$))`, 'gm');
  let matched = false;
  const out = markdown.replace(pattern, (_all, lead: string) => {
    matched = true;
    return `${lead}${replacement}`;
  });
  return matched ? out : null;
}
