/** Splits a Markdown file into its YAML front matter and body, keeping line numbers. */

export interface FrontMatterSplit {
  yaml: string;
  /** File line of the first YAML line (2 when the file starts with `---`). */
  yamlFirstLine: number;
  body: string;
  /** File line where the body starts. */
  bodyFirstLine: number;
}

/** Returns null when the file does not start with a `---` front-matter block. */
export function splitFrontMatter(text: string): FrontMatterSplit | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) return null;
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlFirstLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyFirstLine: end + 2,
  };
}

export const BLOCK_SEPARATOR = '<!-- block -->';

export interface BodyChunk {
  markdown: string;
  /** File line where the chunk starts. */
  line: number;
}

/** Splits a lesson body into text chunks at lines holding only `<!-- block -->`. */
export function splitBody(body: string, firstLine: number): BodyChunk[] {
  const chunks: BodyChunk[] = [];
  let current: string[] = [];
  let start = firstLine;
  body.split('\n').forEach((line, i) => {
    if (line.trim() === BLOCK_SEPARATOR) {
      chunks.push({ markdown: current.join('\n').trim(), line: start });
      current = [];
      start = firstLine + i + 1;
    } else {
      current.push(line);
    }
  });
  chunks.push({ markdown: current.join('\n').trim(), line: start });
  // An empty body is no chunk at all, not one empty chunk.
  return chunks.length === 1 && chunks[0].markdown === '' ? [] : chunks;
}
