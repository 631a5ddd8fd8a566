import { diffLines, toHunks } from '../../../server/features/authoring/line-diff.js';

describe('line diff', () => {
  it('marks added, removed and unchanged lines with their line numbers', () => {
    const diff = diffLines('a\nb\nc\nd', 'a\nc\nd\ne');
    expect(diff).toEqual([
      { op: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { op: 'del', text: 'b', oldLine: 2 },
      { op: 'same', text: 'c', oldLine: 3, newLine: 2 },
      { op: 'same', text: 'd', oldLine: 4, newLine: 3 },
      { op: 'add', text: 'e', newLine: 4 },
    ]);
  });

  it('shows a changed line as one removal and one addition, and identical texts as no change', () => {
    expect(diffLines('x\nold\ny', 'x\nnew\ny').filter((l) => l.op !== 'same')).toEqual([
      { op: 'del', text: 'old', oldLine: 2 },
      { op: 'add', text: 'new', newLine: 2 },
    ]);
    expect(diffLines('same\ntext', 'same\ntext').every((l) => l.op === 'same')).toBe(true);
  });

  it('rebuilds both texts from the diff (nothing lost or invented)', () => {
    const before = Array.from({ length: 60 }, (_, i) => `line ${i % 7} ${i % 3}`).join('\n');
    const after = before.split('\n').filter((_, i) => i % 5 !== 0).map((l, i) => (i % 9 === 0 ? `${l}!` : l)).join('\n');
    const diff = diffLines(before, after);
    expect(diff.filter((l) => l.op !== 'add').map((l) => l.text).join('\n')).toBe(before);
    expect(diff.filter((l) => l.op !== 'del').map((l) => l.text).join('\n')).toBe(after);
  });

  it('keeps three lines of context around changes and counts the skipped ones', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const changed = [...old];
    changed[10] = 'changed';
    const hunks = toHunks(diffLines(old.join('\n'), changed.join('\n')));
    expect(hunks.map((h) => (h.kind === 'skip' ? `skip ${h.count}` : `lines ${h.lines.length}`))).toEqual(['skip 7', 'lines 8', 'skip 6']);
  });
});
