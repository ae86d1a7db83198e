import { Link } from '@tanstack/react-router';
import { useIsSignedInMember } from './hooks';

export const memberBenefitLinks = [
  { to: '/members/coverage', label: 'Drug coverage' },
  { to: '/members/price-check', label: 'Price check' },
  { to: '/members/claims', label: 'Claims' },
  { to: '/members/prior-auth', label: 'Prior authorizations' },
] as const;

/** Extra main-navigation items for a signed-in member (list items for the site nav's list). */
export function MemberNavLinks({ className }: { className?: string }) {
  if (!useIsSignedInMember()) return null;
  return (
    <>
      {memberBenefitLinks.map((link) => (
        <li key={link.to}>
          <Link to={link.to} className={className}>
            {link.label}
          </Link>
        </li>
      ))}
    </>
  );
}
