/**
 * The history pages of a module's and of the programme's texts: each revision as one text in the
 * format of the curriculum files (front matter, then the Markdown), and readable line diffs
 * between a revision and the one before it, or between the published texts and the draft.
 */
import type { ModuleFields } from '../curriculum/module.model.js';
import type { ProgrammeFields } from '../curriculum/programme.model.js';
import { withFrontMatter } from '../curriculum/files/serialize.js';
import type { RevisionComparison } from './history.service.js';
import { diffLines, toHunks } from './line-diff.js';

/** A module's texts as in its module.md (without the slug, which is not part of the revision). */
export function moduleAsText(f: ModuleFields): string {
  return withFrontMatter(
    {
      title: f.title,
      effortHours: f.effortHours,
      outcomes: f.outcomes,
      prerequisites: f.prerequisites,
    },
    f.intro,
  );
}

/** The programme's texts as in its programme.md. */
export function programmeAsText(f: ProgrammeFields): string {
  return withFrontMatter({ title: f.title, summary: f.summary }, f.description);
}

function compare(
  before: string,
  after: string,
  number: number,
  against: RevisionComparison['against'],
): RevisionComparison {
  const lines = diffLines(before, after);
  return {
    number,
    against,
    hunks: toHunks(lines),
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'del').length,
  };
}

/**
 * Diff of revision `number` against the revision before it (the first one against nothing).
 * `get` reads one revision of the module or programme; `asText` turns its fields into text.
 */
export async function compareOutlineRevision<F>(
  get: (number: number) => Promise<{ number: number; fields: F }>,
  asText: (fields: F) => string,
  number: number,
): Promise<RevisionComparison> {
  const current = await get(number);
  const previous = number > 1 ? await get(number - 1).catch(() => null) : null;
  return compare(
    previous ? asText(previous.fields) : '',
    asText(current.fields),
    number,
    previous ? previous.number : null,
  );
}

/** What publishing the draft would change, or null when nothing is pending. */
export function compareOutlineDraft<F>(
  state: { hasDraft: boolean; publishedRevision: number; published: F; draft: F },
  asText: (fields: F) => string,
): RevisionComparison | null {
  if (!state.hasDraft) return null;
  return compare(asText(state.published), asText(state.draft), state.publishedRevision, 'draft');
}
