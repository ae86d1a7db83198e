// Where each role lands after sign-in: its home page of what needs it now. One table, used by the sign-in page,
// the /home route and the header's "Home" link.
const HOME_BY_ROLE = {
  member: '/members/home',
  client_user: '/clients/access',
  advisor: '/clients/access',
  prescriber: '/prescribers/home',
  pharmacy_staff: '/pharmacies/home',
  clinical_reviewer: '/staff/home',
  customer_service: '/staff/home',
  account_team: '/staff/home',
  privacy_officer: '/staff/home',
  content_editor: '/staff/home',
  admin: '/staff/home',
} as const;

export type HomePath = (typeof HOME_BY_ROLE)[keyof typeof HOME_BY_ROLE] | '/account';

/** A role without a home page of its own lands on its account page. */
export function homePathFor(role: string | null | undefined): HomePath {
  return (role && HOME_BY_ROLE[role as keyof typeof HOME_BY_ROLE]) || '/account';
}
