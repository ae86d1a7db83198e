import type { ReactNode } from 'react';
import { PAGE_HEADING_ID } from '../../app/focus';
import { useDocumentTitle } from '../../app/useDocumentTitle';

interface PageProps {
  /** Document title, without the site name. */
  title: string;
  heading: ReactNode;
  /** Small label above the heading that says which area of the site this is. */
  eyebrow?: string;
  lead?: ReactNode;
  /** Extra content in the banner, e.g. calls to action. */
  actions?: ReactNode;
  children: ReactNode;
}

/** Every page: its title, one h1 in a banner band, then the body. */
export function Page({ title, heading, eyebrow, lead, actions, children }: PageProps) {
  useDocumentTitle(title);
  return (
    <>
      <div className="page-hero">
        <div className="ds-l-container">
          {eyebrow ? <p className="page-hero__eyebrow">{eyebrow}</p> : null}
          <h1 id={PAGE_HEADING_ID} tabIndex={-1} className="page-hero__heading">
            {heading}
          </h1>
          {lead ? <p className="page-hero__lead">{lead}</p> : null}
          {actions ? <div className="page-hero__actions">{actions}</div> : null}
        </div>
      </div>
      <div className="ds-l-container page-body">{children}</div>
    </>
  );
}
