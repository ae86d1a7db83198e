import { type ChangeEvent, useId } from 'react';
import './form.css';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled choice from a list: a native <select> with the design system's label, hint and error styles.
 * Used instead of the design system's Dropdown, which pairs a listbox button with a hidden <select> under the
 * same label, so every label showed twice and two controls answered to it (issue 20, defect 6).
 */
export function SelectField({
  name,
  label,
  hint,
  value,
  options,
  onChange,
  errorMessage,
  className,
  id,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  errorMessage?: string;
  className?: string;
  /** Set when an error summary links to the field. */
  id?: string;
}) {
  const generated = useId();
  const selectId = id ?? `select-${generated}`;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = errorMessage ? `${selectId}-error` : undefined;
  return (
    <div className={['select-field', className].filter(Boolean).join(' ')}>
      <label className="ds-c-label" htmlFor={selectId}>
        {label}
      </label>
      {hint ? (
        <p className="ds-c-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errorMessage ? (
        <p className="ds-c-inline-error" id={errorId}>
          {errorMessage}
        </p>
      ) : null}
      <select
        id={selectId}
        name={name}
        className={['ds-c-field', errorMessage ? 'ds-c-field--error' : ''].filter(Boolean).join(' ')}
        value={value}
        onChange={onChange}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={errorMessage ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
