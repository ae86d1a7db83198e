import { Alert } from '@cmsgov/design-system';
import type { MouseEvent } from 'react';
import './form.css';

export interface SummaryError {
  /** id of the field the error belongs to; the link moves focus there. Omitted for a form-wide error. */
  fieldId?: string;
  message: string;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  event.preventDefault();
  const field = document.getElementById(fieldId);
  field?.focus();
  field?.scrollIntoView({ block: 'center' });
}

/** The list of a form's errors at its top, each linked to its field (WCAG 3.3.1); focused when it appears. */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      variation="error"
      heading={errors.length === 1 ? 'There is a problem' : `There are ${errors.length} problems`}
      headingLevel="2"
      autoFocus
      className="error-summary"
    >
      <ul className="error-summary__list">
        {errors.map(({ fieldId, message }) => (
          <li key={fieldId ?? message}>
            {fieldId ? (
              <a href={`#${fieldId}`} onClick={(event) => focusField(event, fieldId)}>
                {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
