/** The person's own profile (edit, photo) and the profile pages others may see. */
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { COUNTRY_OPTIONS, countryName } from '../../lib/countries.js';
import { configOf } from '../../web/app-config.js';
import { parseForm } from '../../web/validate.js';
import { canViewPerson } from '../cohorts/cohorts.service.js';
import { sendStoredFile, uploadFiles } from '../uploads/index.js';
import { requireUser, type PublicUser } from '../users/users.service.js';
import { LOCALE_OPTIONS } from './locales.js';
import { removePhoto, setPhoto, updateProfile } from './profile.service.js';
import { profileSchema } from './profile.schemas.js';
import { TIME_ZONE_OPTIONS } from './time-zones.js';

function formValues(p: PublicUser) {
  return { name: p.name, ...p.profile, languages: p.profile.languages.join(', ') };
}

async function editLocals(userId: string) {
  const person = await requireUser(userId);
  return {
    title: 'Your profile',
    person,
    countryOptions: COUNTRY_OPTIONS,
    localeOptions: LOCALE_OPTIONS,
    timeZoneOptions: TIME_ZONE_OPTIONS,
  };
}

export async function edit(req: Request, res: Response): Promise<void> {
  const locals = await editLocals((req.user as Express.User).id);
  res.render('profile/edit', { ...locals, values: formValues(locals.person) });
}

export async function save(req: Request, res: Response): Promise<void> {
  const userId = (req.user as Express.User).id;
  const form = parseForm(profileSchema, req.body, {
    view: 'profile/edit',
    locals: await editLocals(userId),
  });
  await updateProfile(userId, form);
  req.flash('success', 'Profile saved.');
  res.redirect(303, '/profile');
}

/** Multer for the photo, with the size limit of the app's own config. */
export function photoUpload(req: Request, res: Response, next: NextFunction): void {
  uploadFiles({
    field: 'photo',
    maxFiles: 1,
    maxBytes: configOf(req).avatarMaxBytes,
    kinds: ['image'],
  })(req, res, next);
}

export async function uploadPhoto(req: Request, res: Response): Promise<void> {
  const upload = req.uploads?.[0];
  if (!upload) throw new BadRequestError('Choose a photo to upload.');
  await setPhoto((req.user as Express.User).id, upload, configOf(req).uploadsDir);
  req.flash('success', 'Photo updated.');
  res.redirect(303, '/profile');
}

export async function deletePhoto(req: Request, res: Response): Promise<void> {
  await removePhoto((req.user as Express.User).id, configOf(req).uploadsDir);
  req.flash('success', 'Photo removed.');
  res.redirect(303, '/profile');
}

/** Someone's profile: visible to themselves, admins, their mentor/mentees and their country's ambassador; 404 otherwise. */
export async function show(req: Request, res: Response): Promise<void> {
  const id = String(req.params.id);
  if (!(await canViewPerson(req.user as Express.User, id))) throw new NotFoundError();
  const person = await requireUser(id);
  res.render('profile/show', {
    title: person.name,
    person,
    countryName,
    localeOptions: LOCALE_OPTIONS,
  });
}

/** A person's thumbnail, for any signed-in viewer. */
export async function photo(req: Request, res: Response): Promise<void> {
  const person = await requireUser(String(req.params.id)).catch(() => null);
  if (!person?.profile.photo) throw new NotFoundError();
  await sendStoredFile(
    res,
    { storedName: person.profile.photo, originalName: 'photo.webp', mime: 'image/webp' },
    { inline: true },
  );
}
