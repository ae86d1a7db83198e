// The form kit: react-hook-form validating with the same zod schema as the server, one error summary at the top
// (client-side and server-side messages alike), and the server's field-level problem+json messages on their fields.
import { zodResolver } from '@hookform/resolvers/zod';
import { createContext, type ReactNode, useContext, useId } from 'react';
import {
  type FieldValues,
  FormProvider,
  type UseFormProps,
  type UseFormReturn,
  useForm,
  useFormContext,
} from 'react-hook-form';
import type { z } from 'zod';
import { ErrorSummary } from './ErrorSummary';
import { fieldId, GENERAL_ERROR, listErrors, serverErrors } from './form-errors';
import './form.css';

/** A react-hook-form form validated by a zod schema (the shared contract the server also checks). */
export function useZodForm<TSchema extends z.ZodType<FieldValues, FieldValues>>(
  schema: TSchema,
  options: Omit<UseFormProps<z.input<TSchema>, unknown, z.output<TSchema>>, 'resolver'> = {},
): UseFormReturn<z.input<TSchema>, unknown, z.output<TSchema>> {
  return useForm<z.input<TSchema>, unknown, z.output<TSchema>>({
    // The error summary takes focus instead of the first field, so every error is announced at once.
    shouldFocusError: false,
    ...options,
    resolver: zodResolver(schema),
  });
}

const FormIdContext = createContext<string>('form');

/** The id prefix of the surrounding <Form>: fields and the error summary agree on ids through it. */
export const useFormId = () => useContext(FormIdContext);

export function Form<TValues extends FieldValues, TOut>({
  form,
  onSubmit,
  children,
  id,
  className,
  'aria-label': ariaLabel,
}: {
  form: UseFormReturn<TValues, unknown, TOut>;
  /** Throwing (an ApiError, a network error) puts the server's messages on the form. */
  onSubmit: (values: TOut) => unknown;
  children: ReactNode;
  id?: string;
  className?: string;
  'aria-label'?: string;
}) {
  const generated = useId();
  const formId = id ?? `form${generated.replace(/:/g, '')}`;
  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (error) {
      const { fields, general } = serverErrors(error);
      for (const [name, message] of Object.entries(fields)) {
        form.setError(name as never, { type: 'server', message });
      }
      if (general) form.setError(GENERAL_ERROR as never, { type: 'server', message: general });
    }
  });
  return (
    <FormProvider {...form}>
      <FormIdContext.Provider value={formId}>
        <form id={formId} noValidate onSubmit={submit} className={className} aria-label={ariaLabel}>
          <FormErrorSummary />
          {children}
        </form>
      </FormIdContext.Provider>
    </FormProvider>
  );
}

/** The form's errors after a submission, each linked to its field; remounted (and so refocused) on every submit. */
function FormErrorSummary() {
  const { formState } = useFormContext();
  const formId = useFormId();
  const errors = listErrors(formState.errors).map(({ name, message }) => ({
    message,
    fieldId: name === GENERAL_ERROR ? undefined : fieldId(formId, name),
  }));
  return <ErrorSummary key={formState.submitCount} errors={errors} />;
}
