// Kit fields: a label, an optional hint, the field's error and the control, in the CMS Design System's classes,
// registered with the surrounding <Form>. Native controls, so labels and errors are announced without help.
import type { HTMLInputTypeAttribute, ReactNode } from 'react';
import { get, useFormContext } from 'react-hook-form';
import { useFormId } from './Form';
import { fieldId } from './form-errors';

export interface FieldOption {
  value: string;
  label: string;
  /** Shown but not choosable (a question already chosen in another slot). */
  disabled?: boolean;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel' | 'search';
  maxLength?: number;
  autoFocus?: boolean;
  autoCapitalize?: string;
  spellCheck?: boolean;
  placeholder?: string;
  /** A <textarea> with this many rows instead of an <input>. */
  rows?: number;
  /** A <select> with these options instead of an <input>. */
  options?: readonly FieldOption[];
  className?: string;
}

/** A field's message, or the first of its parts' (a list field whose second entry failed). */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string' && message) return message;
  for (const part of Object.values(error)) {
    const found = firstMessage(part);
    if (found) return found;
  }
  return undefined;
}

/** The ids and classes every kit control shares: its own id, and the hint and error it is described by. */
export function useKitField(name: string, hasHint: boolean) {
  const { register, formState } = useFormContext();
  const id = fieldId(useFormId(), name);
  const error = firstMessage(get(formState.errors, name));
  const hintId = hasHint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    id,
    error,
    hintId,
    errorId,
    control: {
      ...register(name),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    },
  };
}

/** A field's hint and error lines, for controls the kit has no component for (a picture choice). */
export function HintAndError({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: ReactNode;
  hintId?: string;
  error?: string;
  errorId?: string;
}) {
  return (
    <>
      {hint ? (
        <p className="ds-c-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="ds-c-inline-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled text input, textarea (rows) or select (options). */
export function Field({ name, label, hint, type = 'text', rows, options, className, ...native }: FieldProps) {
  const { id, error, hintId, errorId, control } = useKitField(name, Boolean(hint));
  const fieldClass = ['ds-c-field', error ? 'ds-c-field--error' : ''].filter(Boolean).join(' ');
  return (
    <div className={['kit-field', className].filter(Boolean).join(' ')}>
      <label className="ds-c-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {options ? (
        <select id={id} className={fieldClass} {...control}>
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      ) : rows ? (
        <textarea id={id} rows={rows} className={fieldClass} maxLength={native.maxLength} {...control} />
      ) : (
        <input id={id} type={type} className={fieldClass} {...native} {...control} />
      )}
    </div>
  );
}

/** One labelled group of radio buttons (one answer) or checkboxes (several). */
export function ChoiceField({
  name,
  label,
  hint,
  options,
  multiple = false,
  className,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly FieldOption[];
  multiple?: boolean;
  className?: string;
}) {
  const { id, error, hintId, errorId, control } = useKitField(name, Boolean(hint));
  const { 'aria-invalid': _invalid, ...register } = control;
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={['ds-c-fieldset', 'kit-field', className].filter(Boolean).join(' ')}
      aria-invalid={error ? true : undefined}
      aria-describedby={control['aria-describedby']}
    >
      <legend className="ds-c-label">{label}</legend>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {options.map((option) => (
        <div className="ds-c-choice-wrapper" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            type={multiple ? 'checkbox' : 'radio'}
            className="ds-c-choice"
            value={option.value}
            {...register}
            aria-describedby={undefined}
          />
          <label className="ds-c-label" htmlFor={`${id}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A single yes/no checkbox (a boolean in the schema). */
export function CheckboxField({
  name,
  label,
  hint,
  className,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}) {
  const { id, error, hintId, errorId, control } = useKitField(name, Boolean(hint));
  return (
    <div className={['kit-field', className].filter(Boolean).join(' ')}>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <div className="ds-c-choice-wrapper">
        <input id={id} type="checkbox" className="ds-c-choice" {...control} />
        <label className="ds-c-label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}
