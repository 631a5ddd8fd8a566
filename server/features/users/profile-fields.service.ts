/** Storing what a person says about themselves (the profile feature owns the rules and images). */
import { NotFoundError } from '../../lib/errors.js';
import { User } from './user.model.js';

export interface ProfileFields {
  name: string;
  library?: string;
  city?: string;
  country?: string;
  languages: string[];
  bio?: string;
  locale?: string;
  timeZone?: string;
}

/** Saves the profile; for anyone but an ambassador, their countries follow their own country. */
export async function saveProfileFields(userId: string, f: ProfileFields): Promise<void> {
  const user = await User.findById(userId);
  if (!user) throw new NotFoundError('That person does not exist.');
  user.name = f.name;
  user.set('profile', {
    ...user.toObject().profile,
    library: f.library,
    city: f.city,
    country: f.country,
    languages: f.languages,
    bio: f.bio,
    locale: f.locale,
    timeZone: f.timeZone,
  });
  if (!user.roles.includes('ambassador')) user.countries = f.country ? [f.country] : [];
  await user.save();
}

/** Sets (or clears) the stored photo name; returns the previous one so it can be deleted. */
export async function swapPhotoName(userId: string, photo: string | null): Promise<string | null> {
  const before = await User.findOneAndUpdate(
    { _id: userId },
    photo ? { $set: { 'profile.photo': photo } } : { $unset: { 'profile.photo': 1 } },
  ).lean();
  if (!before) throw new NotFoundError('That person does not exist.');
  return before.profile?.photo ?? null;
}
