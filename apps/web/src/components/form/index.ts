// The web app's form kit. Pages import from here, never from another portal's folder.
export { ErrorSummary, type SummaryError } from './ErrorSummary';
export { CheckboxField, ChoiceField, Field, type FieldOption, HintAndError, useKitField } from './Field';
export { Form, useFormId, useZodForm } from './Form';
export { checkedValues, toMilli, toNumber } from './form-values';
export { ReasonForm } from './ReasonForm';
export { SelectField, type SelectOption } from './SelectField';
export { FormActions, SubmitButton } from './SubmitButton';
