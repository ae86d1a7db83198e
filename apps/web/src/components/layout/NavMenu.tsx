import { Link, useRouterState } from '@tanstack/react-router';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { NavGroup } from './navigation';

/**
 * A group of header links behind a disclosure button (not an ARIA menu: the links stay ordinary links in Tab
 * order). Closes on Escape, on a click elsewhere and after navigating.
 */
export function NavMenu({ group }: { group: NavGroup }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const current = group.links.some((l) => pathname === l.to || pathname.startsWith(`${l.to}/`));

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the effect of a new pathname
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  }

  return (
    <li className="site-nav__group" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className={`site-nav__link site-nav__toggle${current ? ' site-nav__link--current' : ''}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {group.label}
        <span className="site-nav__caret" aria-hidden="true" />
      </button>
      <ul id={listId} className="site-nav__panel" hidden={!open}>
        {group.links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="site-nav__panel-link" activeProps={{ 'aria-current': 'page' }}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}
