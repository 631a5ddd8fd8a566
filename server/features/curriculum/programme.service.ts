/** WRITE SERVICE for the programme's own texts (title, summary, description), used by authoring. */
import { NotFoundError } from '../../lib/errors.js';
import { Programme } from './programme.model.js';

export interface ProgrammeInput {
  title: string;
  summary: string;
  description: string;
}

/** The programme being authored (the first one), or NotFoundError when the database has none. */
export async function getProgrammeForEditing(): Promise<ProgrammeInput & { id: string; slug: string }> {
  const p = await Programme.findOne().sort({ order: 1, slug: 1 }).lean();
  if (!p) throw new NotFoundError('There is no programme yet: create a module first.');
  return { id: String(p._id), slug: p.slug, title: p.title, summary: p.summary, description: p.description };
}

/** Saves the programme's texts (the slug never changes: it names the folder in curriculum/). */
export async function updateProgramme(input: ProgrammeInput): Promise<void> {
  const current = await getProgrammeForEditing();
  await Programme.updateOne({ _id: current.id }, { $set: input });
}
