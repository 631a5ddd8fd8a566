import type { CourseOutline } from '../../../server/features/learning/course.types.js';
import { lockMessage, summariseProgress, type ProgressFacts } from '../../../server/features/progress/progress-summary.js';

const lesson = (moduleSlug: string, slug: string) => ({ slug, title: `Lesson ${slug}`, moduleSlug, reflections: [] });
const outline: CourseOutline = {
  programmeSlug: 'library-innovators',
  title: 'Library Innovators Programme',
  modules: [
    { slug: 'mindset', title: 'The innovator mindset', prerequisites: [], lessons: [lesson('mindset', 'a1'), lesson('mindset', 'a2')] },
    { slug: 'planning', title: 'Strategic planning', prerequisites: ['mindset'], lessons: [lesson('planning', 'b1'), lesson('planning', 'b2')] },
    { slug: 'design', title: 'Service design', prerequisites: ['planning'], lessons: [lesson('design', 'c1')] },
  ],
};
const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));
const opened = (slug: string, at: number): ProgressFacts => ({ lesson: slug, firstOpenedAt: t(at), lastVisitedAt: t(at) });
const done = (slug: string, at: number): ProgressFacts => ({ ...opened(slug, at), completedAt: t(at + 1) });

describe('progress summary', () => {
  it('starts a new learner at the first lesson with later modules locked', () => {
    const s = summariseProgress(outline, []);
    expect(s).toMatchObject({ total: 5, completed: 0, percent: 0, allModulesComplete: false });
    expect(s.continueAt?.slug).toBe('a1');
    expect(s.modules.map((m) => m.locked)).toEqual([false, true, true]);
    expect(lockMessage(s.modules[1]!.missing)).toBe('Complete The innovator mindset first');
  });

  it('unlocks a module once its prerequisite is complete and continues after the last lesson done', () => {
    const s = summariseProgress(outline, [done('a1', 1), done('a2', 5)]);
    expect(s.modules[0]).toMatchObject({ status: 'completed', completed: 2, percent: 100 });
    expect(s.modules[1]).toMatchObject({ locked: false, status: 'not_started' });
    expect(s.modules[2]!.locked).toBe(true);
    expect(s.continueAt?.slug).toBe('b1');
    expect(s).toMatchObject({ completed: 2, percent: 40 });
  });

  it('continues with the lesson last opened when it is unfinished', () => {
    const s = summariseProgress(outline, [done('a1', 1), opened('a2', 10)]);
    expect(s.continueAt?.slug).toBe('a2');
    expect(s.modules[0]!.lessons.map((l) => l.status)).toEqual(['completed', 'in_progress']);
  });

  it('keeps progress when a lesson is added: the module shows one more lesson to do', () => {
    const records = [done('a1', 1), done('a2', 2)];
    const grown: CourseOutline = {
      ...outline,
      modules: [{ ...outline.modules[0]!, lessons: [...outline.modules[0]!.lessons, lesson('mindset', 'a3')] }, ...outline.modules.slice(1)],
    };
    const s = summariseProgress(grown, records);
    expect(s.modules[0]).toMatchObject({ completed: 2, total: 3, status: 'in_progress' });
    expect(s.modules[1]!.locked).toBe(true);
    expect(s.continueAt?.slug).toBe('a3');
  });

  it('ignores records of lessons that were removed', () => {
    const s = summariseProgress(outline, [done('gone', 1)]);
    expect(s.completed).toBe(0);
    expect(s.continueAt?.slug).toBe('a1');
  });

  it('reports everything complete with the latest completion time', () => {
    const all = ['a1', 'a2', 'b1', 'b2', 'c1'].map((slug, i) => done(slug, i * 10));
    const s = summariseProgress(outline, all);
    expect(s.allModulesComplete).toBe(true);
    expect(s.continueAt).toBeNull();
    expect(s.lastCompletedAt).toEqual(t(41));
  });

  it('names several missing prerequisites', () => {
    expect(lockMessage([{ title: 'A' }, { title: 'B' }, { title: 'C' }])).toBe('Complete A, B and C first');
  });
});
