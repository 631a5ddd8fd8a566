/** Forms of the sign-in and password pages. */
import { z } from 'zod';
import { passwordProblem } from './password.service.js';

const email = z
  .string({ message: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.');

/** A new password: the rules of password.service, and typed twice the same. */
export const newPasswordFields = {
  newPassword: z.string({ message: 'Choose a password.' }).superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  confirmPassword: z.string({ message: 'Type the password again.' }),
};

function samePasswords<T extends { newPassword: string; confirmPassword: string }>(
  v: T,
  ctx: z.RefinementCtx,
): void {
  if (v.newPassword !== v.confirmPassword) {
    ctx.addIssue({
      code: 'custom',
      path: ['confirmPassword'],
      message: 'The two passwords are not the same.',
    });
  }
}

export const loginSchema = z.object({
  email,
  password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.').max(1024),
  next: z.string().optional(),
});

export const forgotSchema = z.object({
  email: email.pipe(z.email({ message: 'Enter a valid email address.' })),
});

export const resetSchema = z.object(newPasswordFields).superRefine(samePasswords);

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ message: 'Enter your current password.' })
      .min(1, 'Enter your current password.'),
    ...newPasswordFields,
  })
  .superRefine(samePasswords);

export const changeEmailSchema = z.object({
  email: email.pipe(z.email({ message: 'Enter a valid email address.' })),
  currentPassword: z
    .string({ message: 'Enter your current password.' })
    .min(1, 'Enter your current password.'),
});

export { samePasswords };
