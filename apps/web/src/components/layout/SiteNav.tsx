import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { homePathFor } from '../../identity/home-path';
import { useSession } from '../../identity/session';
import { NavMenu } from './NavMenu';
import { audienceLinks, isGroup, type NavItem, navItemsFor } from './navigation';

/** Visitors see the audience areas; a signed-in user their home and grouped tools. On phones: one "Menu" button. */
export function SiteNav() {
  const session = useSession();
  const role = session.data?.signedIn ? session.data.user?.role : null;
  const items: readonly NavItem[] = role ? navItemsFor(role, homePathFor(role)) : audienceLinks;
  const [open, setOpen] = useState(false);
  const listId = useId();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the effect of a new pathname
  useEffect(() => setOpen(false), [pathname]);

  return (
    <nav className="site-nav" aria-label="Main">
      <button
        type="button"
        className="site-nav__menu-button ds-c-button ds-c-button--small"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        Menu
      </button>
      <ul id={listId} className={`site-nav__list${open ? ' site-nav__list--open' : ''}`}>
        {items.map((item) =>
          isGroup(item) ? (
            <NavMenu key={item.label} group={item} />
          ) : (
            <li key={item.to}>
              <Link
                to={item.to}
                className="site-nav__link"
                activeProps={{ 'aria-current': 'page' }}
                activeOptions={{ exact: item.exact ?? false }}
              >
                {item.label}
              </Link>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
