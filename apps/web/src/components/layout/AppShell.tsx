import { SkipNav } from '@cmsgov/design-system';
import { Outlet } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import { MAIN_CONTENT_ID } from '../../app/focus';
import { BusinessTransferBanner } from '../privacy/BusinessTransferBanner';
import { CookieBanner } from '../privacy/CookieBanner';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

// Focus <main> directly: following "#main-content" would also push a hash entry into the router's history.
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  const main = document.getElementById(MAIN_CONTENT_ID);
  main?.focus();
  main?.scrollIntoView();
}

export function AppShell() {
  return (
    <div className="app-shell">
      <SkipNav href={`#${MAIN_CONTENT_ID}`} onClick={skipToMain}>
        Skip to main content
      </SkipNav>
      <SiteHeader />
      <BusinessTransferBanner />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <SiteFooter />
      <CookieBanner />
    </div>
  );
}
