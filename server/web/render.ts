/**
 * EJS with a layout: `res.render('feature/action', { title })` renders the view, then
 * views/layout.ejs with the view's HTML as `body`. A view can opt out with `layout: false` or
 * pick another layout with `layout: 'other-layout'`.
 *
 * Includes are written from the views folder (`include('/partials/field', ...)`): ejs resolves
 * those against `root` directly, while a relative include costs a file-system check per render.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/paths.js';
import ejs from 'ejs';
import type { Application } from 'express';

export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');

type RenderCallback = (err: Error | null, html?: string) => void;

async function renderWithLayout(file: string, options: Record<string, unknown>): Promise<string> {
  const ejsOptions = { cache: Boolean(options.cache), root: VIEWS_DIR, views: [VIEWS_DIR] };
  const body = await ejs.renderFile(file, options, ejsOptions);
  const layout = options.layout;
  if (layout === false) return body;
  const layoutName = typeof layout === 'string' ? layout : 'layout';
  const layoutFile = path.join(VIEWS_DIR, `${layoutName}.ejs`);
  return ejs.renderFile(layoutFile, { ...options, body }, ejsOptions);
}

export function setupViews(app: Application, opts: { cache: boolean }): void {
  app.engine('ejs', (file: string, options: object, callback: RenderCallback) => {
    renderWithLayout(file, options as Record<string, unknown>).then(
      (html) => callback(null, html),
      (err: Error) => callback(err),
    );
  });
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', opts.cache);
}
