import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';

/** The home-delivery console's local navigation. */
function StaffNav() {
  return (
    <nav className="rx-subnav" aria-label="Home-delivery console">
      <ul className="rx-subnav__list">
        {(
          [
            { to: '/pharmacies/home-delivery', label: 'Orders' },
            { to: '/pharmacies/home-delivery/transfers', label: 'Transfers' },
            { to: '/pharmacies/home-delivery/requests', label: 'Doctor requests' },
          ] as const
        ).map((link) => (
          <li key={link.to}>
            <Link
              to={link.to}
              activeOptions={{ exact: true }}
              activeProps={{ 'aria-current': 'page', className: 'rx-subnav__active' }}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A page of the home-delivery console: pharmacy staff only, with the console's navigation above the body. */
export function HomeDeliveryConsolePage({
  title,
  heading,
  lead,
  purpose,
  children,
}: {
  title: string;
  heading: string;
  lead?: string;
  /** What a visitor who is not pharmacy staff is told they cannot open. */
  purpose: string;
  children: ReactNode;
}) {
  return (
    <Page title={title} eyebrow="Home-delivery pharmacy" heading={heading} lead={lead}>
      <PharmacyGate purpose={purpose} roles={['pharmacy_staff']}>
        <StaffNav />
        {children}
      </PharmacyGate>
    </Page>
  );
}
