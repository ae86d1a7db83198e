import { type ReactNode, useId } from 'react';

interface SectionProps {
  heading: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A titled region of a page (h2), labelled by its heading for screen-reader landmarks. */
export function Section({ heading, intro, children, className }: SectionProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={['page-section', className].filter(Boolean).join(' ')}>
      <h2 id={headingId} className="page-section__heading">
        {heading}
      </h2>
      {intro ? <p className="page-section__intro">{intro}</p> : null}
      {children}
    </section>
  );
}
