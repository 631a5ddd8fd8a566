/**
 * YAML with line numbers: parses a YAML text (a whole file or a front-matter section) and maps a
 * path inside it (as zod reports it) to the line in the original file, so every import error can
 * say "file:line".
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface ImportIssue {
  /** Path of the file relative to the imported folder's parent (e.g. library-innovators/01-x/quiz.yaml). */
  file: string;
  line: number;
  message: string;
}

export class YamlSource {
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  /** `firstLine` is the file line on which `text` starts (2 for front matter after `---`). */
  constructor(
    readonly file: string,
    text: string,
    private readonly firstLine = 1,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  /** YAML syntax errors as import issues (empty when the text parsed). */
  syntaxIssues(): ImportIssue[] {
    return this.doc.errors.map((err) => ({
      file: this.file,
      line: this.lineAt(err.pos[0]),
      message: `YAML syntax: ${err.message.split(' at line ')[0]}`,
    }));
  }

  /** The parsed value (plain JS objects). */
  value(): unknown {
    return this.doc.toJS();
  }

  /**
   * File line of the deepest node found along `path`; a missing key reports its parent's line,
   * so "required" errors point at the object that lacks the field.
   */
  lineOf(path: readonly PropertyKey[]): number {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (!item) break;
        offset = (item as Node).range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return this.lineAt(offset);
  }

  private lineAt(offset: number): number {
    return this.lines.linePos(offset).line + this.firstLine - 1;
  }
}
