import { formularySearchRequest } from '@openpbm/shared/benefits';
import { z } from 'zod';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';

const drugSearch = z.object({ query: formularySearchRequest.shape.query });

interface DrugSearchFormProps {
  /** The form's id; the field's is `<id>-query`. */
  id: string;
  /** Runs the search; a failure (the server's reason) shows in the form's error summary. */
  onSearch: (query: string) => Promise<unknown>;
  label?: string;
}

/** "Drug name" + Search, validated with the same rule the server applies. */
export function DrugSearchForm({ id, onSearch, label = 'Drug name' }: DrugSearchFormProps) {
  const form = useZodForm(drugSearch, { defaultValues: { query: '' } });
  return (
    <Form
      form={form}
      id={id}
      onSubmit={({ query }) => onSearch(query)}
      className="drug-search"
      aria-label="Drug search"
    >
      <Field
        name="query"
        label={label}
        hint="Brand or generic name, at least 2 letters. For example: atorvastatin or Lipitor."
        autoComplete="off"
        spellCheck={false}
      />
      <SubmitButton pending="Searching…">Search</SubmitButton>
    </Form>
  );
}
