// The web app's form kit. Pages import from here, never from another portal's folder.
export { ErrorSummary, type SummaryError } from './ErrorSummary';
export { CheckboxField, ChoiceField, Field, type FieldOption } from './Field';
export { Form, useFormId, useZodForm } from './Form';
export { SelectField, type SelectOption } from './SelectField';
export { FormActions, SubmitButton } from './SubmitButton';
