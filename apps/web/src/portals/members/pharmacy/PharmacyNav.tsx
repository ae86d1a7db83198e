import { Link } from '@tanstack/react-router';

export const pharmacyLinks = [
  { to: '/members/prescriptions', label: 'Prescriptions' },
  { to: '/members/orders', label: 'Orders' },
  { to: '/members/auto-refill', label: 'Automatic refills' },
  { to: '/members/transfers', label: 'Transfers' },
  { to: '/members/ask-doctor', label: 'Ask my doctor' },
  { to: '/members/payment-methods', label: 'Payment' },
  { to: '/members/id-card', label: 'ID card' },
  { to: '/members/pharmacy-locator', label: 'Find a pharmacy' },
  { to: '/members/urgent-supply', label: 'Need medicine today?' },
  { to: '/members/messages', label: 'Messages' },
  { to: '/members/notifications', label: 'Notifications' },
  { to: '/members/family', label: 'Family access' },
] as const;

/** The member pharmacy pages' local navigation. */
export function PharmacyNav() {
  return (
    <nav className="rx-subnav no-print" aria-label="Pharmacy">
      <ul className="rx-subnav__list">
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
