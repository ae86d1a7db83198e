// The fixed catalogue of security challenge questions and the one normalization of answers (so "  Main St. "
// and "main st" match). Answers are stored as argon2id hashes of the normalized text.
export const CHALLENGE_QUESTIONS = [
  { id: 'first-street', text: 'What was the name of the street you grew up on?' },
  { id: 'first-pet', text: 'What was the name of your first pet?' },
  { id: 'first-school', text: 'What was the name of your first school?' },
  { id: 'childhood-friend', text: 'What was the first name of your best childhood friend?' },
  { id: 'first-concert', text: 'What was the first concert you went to?' },
  { id: 'first-car', text: 'What was the make of your first car?' },
  { id: 'parents-meet', text: 'In what city did your parents meet?' },
  { id: 'favorite-teacher', text: 'What was the last name of your favorite teacher?' },
  { id: 'first-job', text: 'What was your first job?' },
  { id: 'childhood-hero', text: 'Who was your childhood hero?' },
] as const;

export type ChallengeQuestionId = (typeof CHALLENGE_QUESTIONS)[number]['id'];

export const CHALLENGE_QUESTION_IDS = CHALLENGE_QUESTIONS.map((q) => q.id) as [
  ChallengeQuestionId,
  ...ChallengeQuestionId[],
];

export const questionText = (id: string): string | undefined =>
  CHALLENGE_QUESTIONS.find((q) => q.id === id)?.text;

/** Case, accents, punctuation and spacing do not matter. */
export const normalizeAnswer = (answer: string): string =>
  answer
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const ANSWER_MIN = 2;
