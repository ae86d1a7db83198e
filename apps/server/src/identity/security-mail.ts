// Account e-mails. They carry no health data and no member details: only what happened to the account, when,
// and what to do if it was not the user. Links hold a one-time token in the URL fragment (#token=…), which
// browsers do not send to servers or in Referer headers.
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';

const SIGNATURE =
  '\n\nOpenPBM account security\nIf you did not do this, reset your password and contact customer service.';

/** Where links in e-mails point: configuration only (PUBLIC_URL or the listening address). A Host header
 * never decides it, or a forged one would send reset links to an attacker's site (password-reset poisoning). */
export function publicBaseUrl(deps: Pick<AppDeps, 'config'>): string {
  return deps.config.publicUrl;
}

const when = (at: Date) => at.toUTCString();

export type SecurityNotice =
  | { kind: 'new_device'; userAgent: string | null; ip: string | null }
  | { kind: 'password_changed' }
  | { kind: 'factor_added'; factor: string }
  | { kind: 'factor_removed'; factor: string }
  | { kind: 'username_changed'; newUsername: string }
  | { kind: 'email_changed'; newEmail: string }
  | { kind: 'site_key_changed' }
  | { kind: 'challenge_questions_changed' }
  | { kind: 'account_locked'; minutes: number };

export function securityNoticeMail(notice: SecurityNotice, at: Date): { subject: string; text: string } {
  switch (notice.kind) {
    case 'new_device':
      return {
        subject: 'New sign-in to your OpenPBM account',
        text: `Your account was signed in to from a browser we had not seen before, at ${when(at)}.\nBrowser: ${notice.userAgent ?? 'unknown'}\nIP address: ${notice.ip ?? 'unknown'}${SIGNATURE}`,
      };
    case 'password_changed':
      return {
        subject: 'Your OpenPBM password was changed',
        text: `The password of your account was changed at ${when(at)}. All other sessions were signed out.${SIGNATURE}`,
      };
    case 'factor_added':
      return {
        subject: 'A sign-in method was added to your OpenPBM account',
        text: `A ${notice.factor} was added to your account at ${when(at)}. All other sessions were signed out.${SIGNATURE}`,
      };
    case 'factor_removed':
      return {
        subject: 'A sign-in method was removed from your OpenPBM account',
        text: `A ${notice.factor} was removed from your account at ${when(at)}. All other sessions were signed out.${SIGNATURE}`,
      };
    case 'username_changed':
      return {
        subject: 'Your OpenPBM username was changed',
        text: `The username of your account was changed to "${notice.newUsername}" at ${when(at)}.${SIGNATURE}`,
      };
    case 'email_changed':
      return {
        subject: 'Your OpenPBM e-mail address was changed',
        text: `The e-mail address of your account was changed to ${maskEmail(notice.newEmail)} at ${when(at)}.${SIGNATURE}`,
      };
    case 'site_key_changed':
      return {
        subject: 'Your OpenPBM SiteKey was changed',
        text: `The SiteKey picture and phrase of your account were changed at ${when(at)}.${SIGNATURE}`,
      };
    case 'challenge_questions_changed':
      return {
        subject: 'Your OpenPBM security questions were changed',
        text: `The security questions of your account were changed at ${when(at)}.${SIGNATURE}`,
      };
    case 'account_locked':
      return {
        subject: 'Your OpenPBM account is temporarily locked',
        text: `After repeated failed sign-ins, your account was locked at ${when(at)} for ${notice.minutes} minutes.${SIGNATURE}`,
      };
  }
}

/** "j***@example.com": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export async function sendSecurityNotice(
  deps: AppDeps,
  to: string,
  notice: SecurityNotice,
  log?: FastifyRequest['log'],
): Promise<void> {
  const mail = securityNoticeMail(notice, deps.now());
  try {
    await deps.mailer.send({ to, ...mail });
  } catch (err) {
    // A notice that cannot be sent must not undo the change it reports; the audit trail still has it.
    log?.warn({ err: (err as Error).message, kind: notice.kind }, 'security e-mail not sent');
  }
}

/** WebAuthn relying party for this request: the origin users reach and its host name as RP ID. Without
 * PUBLIC_URL (development) the browser's own address serves, so passkeys work on localhost and on an IP; the
 * browser signs the origin it really used, so a forged Host header gains nothing here. */
export function relyingParty(deps: AppDeps, request: FastifyRequest): { origin: string; rpID: string } {
  const url = new URL(deps.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`);
  return { origin: url.origin, rpID: url.hostname };
}
