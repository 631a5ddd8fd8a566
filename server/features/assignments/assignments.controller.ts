/** The innovator's pages: their assignments, and one assignment with its versions and form. */
import type { Request, Response } from 'express';
import { configOf } from '../../web/app-config.js';
import { KIND_LABELS } from '../uploads/index.js';
import { formatBytes } from '../../lib/format.js';
import { ANSWER_KINDS, assignmentParams, parseParams } from '../submissions/submissions.schemas.js';
import {
  assignmentPage,
  innovatorAssignments,
  type AssignmentPage,
} from './assignments.service.js';
import { dateHelpers } from './viewer-time.js';

/** GET /assignments */
export async function listMine(req: Request, res: Response): Promise<void> {
  const items = await innovatorAssignments(req.user!.id);
  res.render('assignments/index', { title: 'My assignments', items, dates: dateHelpers(req) });
}

/** Everything views/assignments/show.ejs needs besides the page itself (also for re-renders). */
export function showLocals(req: Request, page: AssignmentPage): Record<string, unknown> {
  const config = configOf(req);
  return {
    title: page.record.assignment.title,
    page,
    dates: dateHelpers(req),
    limits: {
      maxFiles: config.uploadMaxFiles,
      maxBytes: formatBytes(config.uploadMaxBytes),
      kinds: ANSWER_KINDS.map((k) => KIND_LABELS[k]).join('; '),
    },
  };
}

/** GET /assignments/:assignmentId */
export async function showMine(req: Request, res: Response): Promise<void> {
  const { assignmentId } = parseParams(assignmentParams, req.params);
  const page = await assignmentPage(req.user!.id, assignmentId);
  res.render('assignments/show', { ...showLocals(req, page), values: { text: page.startText } });
}
