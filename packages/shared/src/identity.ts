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

/** Activation: the member proves who they are from the ID card before choosing how to sign in. */
export const activationBody = z.object({
  memberId: text(40).min(3, 'Enter your member ID.'),
  dateOfBirth: z.iso.date('Enter your date of birth as YYYY-MM-DD.'),
  lastName: text(100).min(1, 'Enter your last name.'),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-?\d{4})?$/, 'Enter a 5-digit ZIP code.'),
});

export const SITE_KEY_PHRASE_MIN = 3;
export const SITE_KEY_PHRASE_MAX = 60;
export const siteKeyPhrase = text(SITE_KEY_PHRASE_MAX).min(
  SITE_KEY_PHRASE_MIN,
  `Use at least ${SITE_KEY_PHRASE_MIN} characters.`,
);

/** The SiteKey as the web form checks it; the server also checks the picture against its catalogue. */
export const siteKeyForm = z.object({
  imageId: z.string().min(1, 'Choose a SiteKey picture.'),
  phrase: siteKeyPhrase,
});

/** Three security questions as the web form checks them; the server also checks the ids and the answers' letters. */
export const challengeAnswersForm = z
  .array(
    z.object({
      questionId: z.string().min(1, 'Choose a question.'),
      answer: text(200).min(1, 'Enter an answer.'),
    }),
  )
  .length(3, 'Answer three questions.');
export type SiteKeyForm = z.infer<typeof siteKeyForm>;
