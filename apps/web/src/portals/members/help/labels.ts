// Words the help pages show for the API's codes.
export const CASE_CATEGORY_LABELS: Record<string, string> = {
  refill: 'A refill',
  order: 'An order or delivery',
  billing: 'A bill or payment',
  coverage: 'Coverage or cost',
  prior_authorization: 'Prior authorization',
  transfer: 'A transfer',
  account: 'My account',
  other: 'Something else',
};

export const CASE_STATUS_LABELS: Record<string, string> = {
  open: 'We are working on it',
  waiting_on_member: 'We answered',
  escalated: 'With a pharmacist or clinician',
  closed: 'Closed',
};

export const DONE_FOR_YOU_LABELS: Record<string, string> = {
  refill_placed: 'Placed a refill',
  address_changed: 'Changed your address',
  auto_refill_on: 'Turned automatic refills on',
  auto_refill_off: 'Turned automatic refills off',
  transfer_started: 'Started a transfer',
  activation_email_sent: 'Sent the e-mail confirmation link again',
};

export { HELP_CATEGORY_LABELS } from '../../../components/help/topics';

export const categoryOptions = Object.entries(CASE_CATEGORY_LABELS).map(([value, label]) => ({
  value,
  label,
}));
