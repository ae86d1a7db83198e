// Request and response shapes of the identity API (zod: validation and the OpenAPI document at /docs).
import { text } from '@openpbm/shared/input';
import { z } from 'zod';
import { CHALLENGE_QUESTION_IDS } from './challenge-questions';
import { SITE_KEY_IMAGE_IDS } from './site-keys';

export {
  changeEmailBody,
  changeUsernameBody,
  emailInput,
  forgotUsernameBody,
  newUsername,
  passwordResetRequestBody,
  usernameInput,
} from '@openpbm/shared/identity';

import { siteKeyPhrase } from '@openpbm/shared/identity';

export { changePasswordBody, newPasswordInput, passwordInput } from '@openpbm/shared/passwords';

export const siteKeyInput = z.object({
  imageId: z.enum(SITE_KEY_IMAGE_IDS),
  phrase: siteKeyPhrase,
});

/** A security-question answer (compared after the service's own normalization). */
export const answerInput = text(200);

export const challengeAnswersInput = z
  .array(z.object({ questionId: z.enum(CHALLENGE_QUESTION_IDS), answer: answerInput }))
  .length(3, 'Answer three questions.');

export const siteKeyView = z.object({
  imageId: z.string(),
  imageUrl: z.string(),
  imageAlt: z.string(),
  phrase: z.string(),
});

export const secondFactorMethod = z.enum(['totp', 'passkey', 'recovery_code']);
export const setupItem = z.enum(['site_key', 'challenge_questions', 'second_factor']);

export const signInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('second_factor_required'), methods: z.array(secondFactorMethod) }),
  z.object({ status: z.literal('signed_in'), setupRequired: z.array(setupItem) }),
]);
export type SignInResult = z.infer<typeof signInResult>;
