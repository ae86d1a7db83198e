import { Link } from '@tanstack/react-router';
import { MemberNavLinks } from '../../portals/members/benefits/MemberNavLinks';
import { PharmacyNavLinks } from '../../portals/members/pharmacy/PharmacyNavLinks';
import { audienceLinks } from './navigation';

export function SiteNav() {
  return (
    <nav className="site-nav" aria-label="Main">
      <ul className="site-nav__list">
        {audienceLinks.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="site-nav__link">
              {link.label}
            </Link>
          </li>
        ))}
        <PharmacyNavLinks className="site-nav__link" />
        <MemberNavLinks className="site-nav__link" />
      </ul>
    </nav>
  );
}
