import { Link } from '@tanstack/react-router';

/** The home-delivery console's local navigation. */
export function StaffNav() {
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
