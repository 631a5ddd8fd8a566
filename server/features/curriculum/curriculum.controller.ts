/** Lesson files (resources, images) served with a permission check. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import { hasAnyRole } from '../../lib/roles.js';
import { sendStoredFile } from '../uploads/index.js';
import { findViewableAsset } from './lesson-assets.service.js';

const params = z.object({ storedName: z.string().regex(/^[0-9a-f-]{36}\.[a-z0-9]{1,10}$/) });

/** GET /curriculum/assets/:storedName: published lesson -> any signed-in person; drafts -> authors/admins. */
export async function downloadAsset(req: Request, res: Response): Promise<void> {
  const parsed = params.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError();
  const asset = await findViewableAsset(parsed.data.storedName, { signedIn: Boolean(req.user), canAuthor: hasAnyRole(req.user?.roles, ['author', 'admin']) });
  // Not found and not allowed look the same, so stored names cannot be probed.
  if (!asset) throw new NotFoundError();
  await sendStoredFile(res, asset, { inline: asset.kind === 'image' });
}
