import { Alert } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

/**
 * The kit's error alert: the design system's error variation, announced at once (role="alert"). Pages use it (or
 * LoadError / ActionError, which are built on it) instead of writing the Alert's props out again.
 */
export function ErrorAlert({
  heading,
  headingLevel = '2',
  announce = true,
  children,
}: {
  heading: string;
  headingLevel?: '2' | '3' | '4';
  /** False for a standing state the page opens with (a declined payment and its form), not news to announce. */
  announce?: boolean;
  children?: ReactNode;
}) {
  return (
    <Alert
      variation="error"
      heading={heading}
      headingLevel={headingLevel}
      role={announce ? 'alert' : undefined}
    >
      {children}
    </Alert>
  );
}
