// Identity fields and request bodies shared by the server's routes and the web forms (one rule, one message).
import { z } from 'zod';
import { text } from './input';

export const usernameInput = text(64).min(1, 'Enter your username.');

/** Rules for a new username: letters, digits and . _ - @ only, 4–40 characters. */
export const newUsername = text(40)
  .min(4, 'Use at least 4 characters.')
  .regex(/^[A-Za-z0-9._@-]+$/, 'Use only letters, digits and . _ - @');

export const emailInput = text(254).email('Enter a valid e-mail address.');

export const changeUsernameBody = z.object({ username: newUsername });
export const changeEmailBody = z.object({ email: emailInput });
export const forgotUsernameBody = z.object({ email: emailInput });
export const passwordResetRequestBody = z.object({
  usernameOrEmail: text(254).min(1, 'Enter your username or e-mail address.'),
});

/** The second sign-in step, and confirming a new authenticator app: a code from the app. */
export const totpCodeBody = z.object({ code: text(12).min(1, 'Enter the code.') });
/** The second sign-in step with one of the saved recovery codes. */
export const recoveryCodeBody = z.object({ code: text(40).min(1, 'Enter a recovery code.') });
/** The sign-in steps as the web form sees them (the username comes from step 1). */
export const usernameStepBody = z.object({ username: usernameInput });
