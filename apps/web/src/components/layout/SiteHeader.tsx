import { Link } from '@tanstack/react-router';
import { AccountMenu } from '../../identity/AccountMenu';
import { BrandMark } from './BrandMark';
import { SiteNav } from './SiteNav';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="ds-l-container site-header__inner">
        <Link to="/" className="site-brand" aria-label="OpenPBM home">
          <BrandMark />
          <span className="site-brand__text">
            <span className="site-brand__name">OpenPBM</span>
            <span className="site-brand__tagline">Pharmacy benefits</span>
          </span>
        </Link>
        <SiteNav />
        <AccountMenu className="site-header__sign-in" />
      </div>
    </header>
  );
}
