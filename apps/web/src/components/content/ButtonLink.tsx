import { Link, type LinkProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';

interface ButtonLinkProps {
  to: LinkProps['to'];
  children: ReactNode;
  /** solid: the page's main action; outline: a secondary one; ghost: least emphasis. */
  variation?: 'solid' | 'outline' | 'ghost';
  size?: 'small' | 'big';
  className?: string;
}

// A router link (client-side navigation) that looks like a design-system button.
// Navigation is a link's job; the design system's Button with href would reload the whole page.
export function ButtonLink({ to, children, variation = 'solid', size, className }: ButtonLinkProps) {
  const classes = [
    'ds-c-button',
    variation === 'outline' ? '' : `ds-c-button--${variation}`,
    size ? `ds-c-button--${size}` : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Link to={to} className={classes}>
      {children}
    </Link>
  );
}
