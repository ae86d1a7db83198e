// Words for the help center's topics (the API's category codes), shared by the public pages and the editors'.
import { HELP_CATEGORY_VALUES } from '@openpbm/shared/support';

export const HELP_CATEGORY_LABELS: Record<(typeof HELP_CATEGORY_VALUES)[number], string> = {
  refills: 'Refills',
  orders: 'Orders and tracking',
  auto_refill: 'Automatic refills',
  transfers: 'Transfers',
  new_prescriptions: 'New prescriptions',
  prior_authorization: 'Prior authorization',
  cost: 'Cost of medicine',
  exceptions: 'Formulary exceptions',
  coverage: 'Coverage',
  denials_appeals: 'Denials and appeals',
  urgent: 'Urgent medicine',
  pharmacies: 'Finding a pharmacy',
  mobile_app: 'The mobile app',
  contact: 'Contacting us',
};

export const helpTopicLabel = (code: string): string =>
  HELP_CATEGORY_LABELS[code as keyof typeof HELP_CATEGORY_LABELS] ?? code;

export const helpTopicOptions = HELP_CATEGORY_VALUES.map((value) => ({
  value,
  label: HELP_CATEGORY_LABELS[value],
}));
