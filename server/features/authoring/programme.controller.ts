/** Authoring: the programme's title, summary and description. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { FormError } from '../../lib/errors.js';
import { getProgrammeForEditing, updateProgramme } from '../curriculum/programme.service.js';
import { fieldErrorsOf } from './authoring.schemas.js';

const programmeForm = z.object({
  title: z.string().trim().min(1, 'Enter a title.').max(200),
  summary: z.string().trim().max(1000).default(''),
  description: z.string().trim().max(50000).default(''),
});

/** GET /authoring/programme */
export async function editProgramme(_req: Request, res: Response): Promise<void> {
  const programme = await getProgrammeForEditing();
  res.render('authoring/programme-form', { title: 'Edit programme', programme, values: programme });
}

/** POST /authoring/programme */
export async function saveProgramme(req: Request, res: Response): Promise<void> {
  const programme = await getProgrammeForEditing();
  const parsed = programmeForm.safeParse(req.body);
  if (!parsed.success) {
    throw new FormError({
      view: 'authoring/programme-form',
      fieldErrors: fieldErrorsOf(parsed.error),
      values: req.body,
      locals: { title: 'Edit programme', programme },
    });
  }
  await updateProgramme(parsed.data);
  req.flash('success', 'Programme saved. Learners see the new texts right away.');
  res.redirect(303, '/authoring');
}
