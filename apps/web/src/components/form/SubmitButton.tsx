import { Button } from '@cmsgov/design-system';
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';

/** The form's submit button: says what is happening and cannot be pressed twice while the request runs. */
export function SubmitButton({
  children,
  pending = 'Sending…',
}: {
  children: ReactNode;
  pending?: ReactNode;
}) {
  const { formState } = useFormContext();
  return (
    <Button
      type="submit"
      variation="solid"
      disabled={formState.isSubmitting}
      aria-busy={formState.isSubmitting}
    >
      {formState.isSubmitting ? pending : children}
    </Button>
  );
}

/** The row under a form for its buttons and links. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="kit-form__actions">{children}</div>;
}
