import { createProgress } from '../../../server/features/curriculum/import-progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 60, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('import progress', () => {
  it('redraws one bar in place on a terminal', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream);
    progress.update(1, 4, 'p/m/first');
    progress.update(4, 4, 'p/m/last');
    progress.finish();
    expect(written[0]).toMatch(/^\r\[#{7}-{21}\] 1\/4 p\/m\/first\s*$/);
    expect(written[1]).toMatch(/^\r\[#{28}\] 4\/4 p\/m\/last/);
    expect(written.every((w) => w.length <= 60)).toBe(true);
    expect(written[2]).toBe('\n');
  });

  it('prints plain lines elsewhere (logs, pipes)', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream);
    progress.update(2, 3, 'p/m/second');
    progress.finish();
    expect(written).toEqual(['[2/3] p/m/second\n']);
  });
});
