import type { ReactNode } from 'react';

/** Cards as a list, so screen readers announce how many there are. */
export function CardGrid({ children, columns = 3 }: { children: ReactNode; columns?: 2 | 3 | 4 }) {
  return <ul className={`card-grid card-grid--${columns}`}>{children}</ul>;
}
