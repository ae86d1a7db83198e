import { Link } from '@tanstack/react-router';

export const pharmacyLinks = [
  { to: '/members/prescriptions', label: 'Prescriptions' },
  { to: '/members/orders', label: 'Orders' },
  { to: '/members/payment-methods', label: 'Payment' },
  { to: '/members/family', label: 'Family access' },
] as const;

/** The member pharmacy pages' local navigation. */
export function PharmacyNav() {
  return (
    <nav className="rx-subnav no-print" aria-label="Pharmacy">
      <ul>
        {pharmacyLinks.map((link) => (
          <li key={link.to}>
            <Link to={link.to} activeProps={{ 'aria-current': 'page', className: 'rx-subnav__active' }}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
