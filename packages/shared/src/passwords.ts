// Password fields of the identity API, shared by the server's routes and the web forms.
import { z } from 'zod';
import { challengeAnswersForm, emailInput, newUsername, siteKeyForm } from './identity';
import { text } from './input';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Spaces count in a password: normalized (NFC) but not trimmed. */
export const passwordInput = text(PASSWORD_MAX * 4, { trim: false }).min(1, 'Enter your password.');
/** A password being set: the policy (length, blocklist) is checked by the service. */
export const newPasswordInput = text(512, { trim: false });

export const changePasswordBody = z.object({ currentPassword: passwordInput, newPassword: newPasswordInput });

/** The web form adds the confirmation, which never leaves the browser. */
export const changePasswordForm = changePasswordBody
  .extend({ newPassword: newPasswordInput.min(1, 'Enter a new password.'), confirm: z.string() })
  .refine((form) => form.confirm === form.newPassword, {
    path: ['confirm'],
    message: 'The two passwords don’t match.',
  });

const confirmed = <T extends { password: string; confirm: string }>(form: T) =>
  form.confirm === form.password;
const mismatch = { path: ['confirm'], message: 'The two passwords don’t match.' };

/** Step 2 of activation (and the client portal's registration): the account, SiteKey and security questions. */
export const registrationForm = z
  .object({
    username: newUsername,
    email: emailInput,
    password: newPasswordInput.min(1, 'Enter a password.'),
    confirm: z.string(),
    siteKey: siteKeyForm,
    challengeAnswers: challengeAnswersForm,
  })
  .refine(confirmed, mismatch);

/** The e-mailed reset link's form: the security answer and the new password, twice. */
export const passwordResetForm = z
  .object({
    answer: text(200).min(1, 'Enter your answer.'),
    password: newPasswordInput.min(1, 'Enter a new password.'),
    confirm: z.string(),
  })
  .refine(confirmed, mismatch);
