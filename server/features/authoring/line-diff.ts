/**
 * A small line diff (longest common subsequence) for the revision history. Lessons are a few
 * hundred lines, so the quadratic table is cheap; common head and tail lines are skipped first.
 */

export type DiffOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line numbers in the old / new text (absent for the side the line is not on). */
  oldLine?: number;
  newLine?: number;
}

export type DiffHunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'skip'; count: number };

/** Line-by-line differences between two texts. */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  // lcs[i][j] = length of the LCS of midA[i..] and midB[j..], stored row-major.
  const cols = midB.length + 1;
  const lcs = new Uint32Array((midA.length + 1) * cols);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        midA[i] === midB[j]
          ? lcs[(i + 1) * cols + j + 1] + 1
          : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }

  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++)
    out.push({ op: 'same', text: a[k], oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      out.push({ op: 'same', text: midA[i], oldLine: head + i + 1, newLine: head + j + 1 });
      i++;
      j++;
    } else if (
      i < midA.length &&
      (j === midB.length || lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1])
    ) {
      // Removals before additions, as diff readers expect for a changed line.
      out.push({ op: 'del', text: midA[i], oldLine: head + i + 1 });
      i++;
    } else {
      out.push({ op: 'add', text: midB[j], newLine: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({
      op: 'same',
      text: a[a.length - tail + k],
      oldLine: a.length - tail + k + 1,
      newLine: b.length - tail + k + 1,
    });
  }
  return out;
}

/** Groups a diff into hunks with `context` unchanged lines around changes; the rest is skipped. */
export function toHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.op === 'same') return;
    for (
      let k = Math.max(0, index - context);
      k <= Math.min(lines.length - 1, index + context);
      k++
    )
      keep[k] = true;
  });
  const hunks: DiffHunk[] = [];
  lines.forEach((line, index) => {
    const last = hunks[hunks.length - 1];
    if (keep[index]) {
      if (last?.kind === 'lines') last.lines.push(line);
      else hunks.push({ kind: 'lines', lines: [line] });
    } else if (last?.kind === 'skip') last.count += 1;
    else hunks.push({ kind: 'skip', count: 1 });
  });
  return hunks;
}
