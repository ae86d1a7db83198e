// Customer service's code lists, without zod, so the database schema (its check constraints) and the API
// contracts (support.ts) read the same list.

export const HELP_CATEGORIES = [
  'refills',
  'orders',
  'auto_refill',
  'transfers',
  'new_prescriptions',
  'prior_authorization',
  'cost',
  'exceptions',
  'coverage',
  'denials_appeals',
  'urgent',
  'pharmacies',
  'mobile_app',
  'contact',
] as const;

export const CASE_CATEGORIES = [
  'refill',
  'order',
  'billing',
  'coverage',
  'prior_authorization',
  'transfer',
  'account',
  'other',
] as const;

export const CASE_STATUSES = ['open', 'waiting_on_member', 'escalated', 'closed'] as const;

export const CASE_CHANNELS = ['message', 'callback', 'phone'] as const;

export const ESCALATION_TARGETS = ['pharmacist', 'clinical_reviewer'] as const;

/** member_message and staff_reply are seen by the member; notes stay inside customer service. */
export const CASE_ENTRY_KINDS = ['member_message', 'staff_reply', 'note', 'event'] as const;

export const ASSISTED_ACTIONS = [
  'refill_placed',
  'address_changed',
  'auto_refill_on',
  'auto_refill_off',
  'transfer_started',
  'activation_email_sent',
] as const;

export const THREAD_SIDES = ['member', 'prescriber'] as const;
