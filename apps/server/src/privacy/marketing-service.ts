// The product's one marketing selection: the account team invites covered members to home delivery by e-mail.
// Members who opted out of marketing are left out (and so are children under 18 and members without an e-mail
// address). The e-mail carries no health data: a link into the portal and a link to change the choice.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { localDateInTimeZone } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { publicBaseUrl } from '../identity/security-mail';
import * as repo from './marketing-repo';

/** Eligibility is judged on the PBM's calendar day. */
const OFFICE_TIME_ZONE = 'America/Chicago';

export interface MarketingAudience {
  recipients: Array<{ memberId: string; firstName: string; email: string }>;
  leftOutOptedOut: number;
  leftOutMinors: number;
}

const ageOn = (dob: string, today: string) =>
  Number(today.slice(0, 4)) - Number(dob.slice(0, 4)) - (today.slice(5) < dob.slice(5) ? 1 : 0);

/** Who a marketing e-mail may go to: covered today, 18 or over, an e-mail address, not opted out. */
export async function marketingAudience(deps: AppDeps, clientId: string | null): Promise<MarketingAudience> {
  const today = localDateInTimeZone(deps.now(), OFFICE_TIME_ZONE);
  const key = fieldKeyFromConfig(deps.config);
  const audience: MarketingAudience = { recipients: [], leftOutOptedOut: 0, leftOutMinors: 0 };
  for (const m of await repo.marketingCandidates(deps.db.db, today, clientId)) {
    const dob = decryptField(key, m.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth);
    if (ageOn(dob, today) < 18) audience.leftOutMinors += 1;
    else if (m.optedOut) audience.leftOutOptedOut += 1;
    else if (m.email)
      audience.recipients.push({ memberId: m.memberId, firstName: m.firstName, email: m.email });
  }
  return audience;
}

/** The invitation itself: no health data, a link into the portal and a link to change the choice. */
export function homeDeliveryInvitation(deps: AppDeps, to: { firstName: string; email: string }) {
  const base = publicBaseUrl(deps);
  return {
    to: to.email,
    subject: 'Home delivery from OpenPBM',
    text: [
      `Hello ${to.firstName},`,
      'Your plan includes home delivery: 90-day supplies by mail, often at a lower cost to you.',
      `Sign in to see what you can switch: ${base}/members/home-delivery`,
      '',
      `You get this because you have not opted out of marketing. To stop: ${base}/members/privacy`,
    ].join('\n'),
  };
}
