/**
 * Authoring: publish, preview, history and restore of a module's texts and of the programme's
 * texts. The two differ only in their pages, URLs and services, which an OutlineKind names; the
 * handlers are built once here.
 */
import type { Request, Response } from 'express';
import type { OutlineState } from '../curriculum/outline-store.service.js';
import type { RevisionSummary } from '../curriculum/revisions.service.js';
import { parseParams, revisionNumberParams } from './authoring.schemas.js';
import { compareOutlineRevision } from './outline-history.service.js';
import {
  publishFromForm,
  restoreFromForm,
  selectedRevision,
  type Author,
  type EditPage,
} from './draft-actions.js';

/** What differs between a module and the programme. `id` is '' for the programme (one is authored). */
export interface OutlineKind<F extends { title: string }> {
  /** 'module' or 'programme': in page texts and error codes (stale_module). */
  noun: 'module' | 'programme';
  /** The record's id from the route. */
  idOf(req: Request): string;
  /** URL of the edit page, and the base of the preview and history pages. */
  editUrl(id: string): string;
  base(id: string): string;
  /** The edit page at the latest draft (a refused publish shows it again). */
  editPage(id: string): Promise<EditPage>;
  /** The preview page's view, the draft title and its locals. */
  preview(id: string): Promise<{ view: string; title: string; locals: object }>;
  load(id: string): Promise<OutlineState<F>>;
  publish(id: string, version: number, note: string, author: Author): Promise<number>;
  listRevisions(id: string): Promise<RevisionSummary[]>;
  getRevision(id: string, number: number): Promise<{ number: number; fields: F }>;
  restore(
    id: string,
    number: number,
    version: number,
    author: Author,
  ): Promise<{ revision: number }>;
  /** The texts in the format of the curriculum files, for diffs. */
  asText(fields: F): string;
}

/** The publish, preview, history and restore handlers of one kind of outline. */
export function outlinePublishing<F extends { title: string }>(kind: OutlineKind<F>) {
  const staleCode = `stale_${kind.noun}`;
  const Noun = `${kind.noun[0].toUpperCase()}${kind.noun.slice(1)}`;
  return {
    /** POST <base>/publish */
    async publish(req: Request, res: Response): Promise<void> {
      const id = kind.idOf(req);
      await publishFromForm(req, {
        page: () => kind.editPage(id),
        publish: async (version, note, author) =>
          `${Noun} published as revision ${await kind.publish(id, version, note, author)}. Learners now see these texts.`,
        staleCode,
        review: ' Review the latest draft above, then publish again.',
      });
      res.redirect(303, kind.editUrl(id));
    },

    /** GET <base>/preview: the page as learners will see it once the draft is published. */
    async preview(req: Request, res: Response): Promise<void> {
      const { view, title, locals } = await kind.preview(kind.idOf(req));
      res.render(view, { title: `Preview: ${title}`, ...locals });
    },

    /** GET <base>/history[?revision=N] */
    async history(req: Request, res: Response): Promise<void> {
      const id = kind.idOf(req);
      const record = await kind.load(id);
      const revisions = await kind.listRevisions(id);
      const selected = selectedRevision(req, revisions);
      const comparison = selected
        ? await compareOutlineRevision((n) => kind.getRevision(id, n), kind.asText, selected)
        : null;
      const heading = record.draft.title;
      res.render('authoring/outline-history', {
        title: `History: ${heading}`,
        heading,
        base: kind.base(id),
        editUrl: kind.editUrl(id),
        what: kind.noun,
        record,
        revisions,
        comparison,
      });
    },

    /** POST <base>/history/:number/restore */
    async restore(req: Request, res: Response): Promise<void> {
      const id = kind.idOf(req);
      const { number } = parseParams(revisionNumberParams, req.params);
      await restoreFromForm(req, res, number, {
        restore: (version, author) => kind.restore(id, number, version, author),
        staleCode,
        back: `${kind.base(id)}/history`,
      });
    },
  };
}
