// The header's links: the audience areas for visitors, and for each signed-in role its home and its tools,
// grouped so a member's header fits one row at 1280 px. The footer lists the audience areas too.
import type { HomePath } from '../../identity/home-path';

export const audienceLinks = [
  { to: '/members', label: 'Members', longLabel: 'Members' },
  { to: '/clients', label: 'Plan sponsors', longLabel: 'Plan sponsors and advisors' },
  { to: '/prescribers', label: 'Prescribers', longLabel: 'Prescribers' },
  { to: '/pharmacies', label: 'Pharmacies', longLabel: 'Pharmacies' },
] as const;

export interface NavLink {
  to: string;
  label: string;
  /** Current only on this very path, when its sub-pages have links of their own in the same header. */
  exact?: boolean;
}
export interface NavGroup {
  label: string;
  links: NavLink[];
}
/** A top-level item: a link, or a group that opens a short list. */
export type NavItem = NavLink | NavGroup;

const memberNav: NavItem[] = [
  {
    label: 'Prescriptions & orders',
    links: [
      { to: '/members/prescriptions', label: 'Prescriptions' },
      { to: '/members/orders', label: 'Orders' },
      { to: '/members/auto-refill', label: 'Automatic refills' },
      { to: '/members/transfers', label: 'Transfers' },
      { to: '/members/ask-doctor', label: 'Ask my doctor' },
      { to: '/members/urgent-supply', label: 'Need medicine today?' },
    ],
  },
  {
    label: 'Costs & coverage',
    links: [
      { to: '/members/coverage', label: 'Drug coverage' },
      { to: '/members/price-check', label: 'Price check' },
      { to: '/members/claims', label: 'Claims' },
      { to: '/members/prior-auth', label: 'Prior authorizations' },
      { to: '/members/id-card', label: 'ID card' },
      { to: '/members/pharmacy-locator', label: 'Find a pharmacy' },
    ],
  },
  {
    label: 'Account',
    links: [
      { to: '/members/messages', label: 'Messages' },
      { to: '/members/help', label: 'Help and contact' },
      { to: '/members/notifications', label: 'Notifications' },
      { to: '/members/family', label: 'Family access' },
      { to: '/members/connected-apps', label: 'Connected apps' },
      { to: '/members/payment-methods', label: 'Payment' },
      { to: '/account', label: 'Sign-in and security' },
    ],
  },
];

const TOOLS_BY_ROLE: Record<string, NavItem[]> = {
  member: memberNav,
  prescriber: [
    { to: '/prescribers/prior-auth', label: 'Coverage requests' },
    { to: '/prescribers/eprescribe', label: 'E-prescribe' },
    { to: '/prescribers/messages', label: 'Patient messages' },
  ],
  pharmacy_staff: [{ to: '/pharmacies/home-delivery', label: 'Order queue' }],
  clinical_reviewer: [{ to: '/staff/clinical-review', label: 'Review queue' }],
  customer_service: [{ to: '/staff/customer-service', label: 'Customer service' }],
  admin: [{ to: '/staff/fhir-apps', label: 'Third-party apps' }],
  content_editor: [
    { to: '/staff/help-editor', label: 'Help articles' },
    { to: '/help', label: 'Help center' },
  ],
  client_user: [
    { to: '/clients/access', label: 'My access' },
    { to: '/clients/certificates', label: 'Certificates' },
    { to: '/clients/inbox', label: 'Inbox' },
    { to: '/clients/hub', label: 'News and insights' },
  ],
  advisor: [
    { to: '/clients/access', label: 'My access' },
    { to: '/clients/certificates', label: 'Certificates' },
    { to: '/clients/hub', label: 'News and insights' },
  ],
  account_team: [
    { to: '/staff/account-team/access-requests', label: 'Access requests' },
    { to: '/staff/account-team/certificates', label: 'Certificates' },
    { to: '/staff/account-team/content', label: 'Content' },
    { to: '/account-team/client-users', label: 'Client users' },
    { to: '/staff/account-team/marketing', label: 'Marketing mailing' },
  ],
  privacy_officer: [
    { to: '/staff/privacy-office', label: 'Privacy office', exact: true },
    { to: '/staff/privacy-office/audit', label: 'Audit log' },
    { to: '/staff/privacy-office/research', label: 'Research extract' },
  ],
};

/** The signed-in role's header: Home first, then its tools. */
export function navItemsFor(role: string, home: HomePath): NavItem[] {
  return [{ to: home, label: 'Home' }, ...(TOOLS_BY_ROLE[role] ?? [])];
}

export const isGroup = (item: NavItem): item is NavGroup => 'links' in item;
