import { Button, TextField } from '@cmsgov/design-system';
import { formularySearchRequest } from '@openpbm/shared/benefits';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { ApiError } from './api';

interface DrugSearchFormProps {
  id: string;
  onSearch: (query: string) => void;
  /** A server error for the query field, if the last search failed validation. */
  serverError?: unknown;
  busy: boolean;
  label?: string;
}

/** "Drug name" + Search, validated with the same rule the server applies. */
export function DrugSearchForm({
  id,
  onSearch,
  serverError,
  busy,
  label = 'Drug name',
}: DrugSearchFormProps) {
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const fromServer = serverError instanceof ApiError ? serverError.fieldErrors().query : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = formularySearchRequest.shape.query.safeParse(query);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a drug name');
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    onSearch(parsed.data);
  }

  return (
    <form noValidate onSubmit={submit} className="drug-search" aria-label="Drug search">
      <TextField
        id={id}
        name="query"
        label={label}
        hint="Brand or generic name, at least 2 letters. For example: atorvastatin or Lipitor."
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
        errorMessage={error ?? fromServer}
        inputRef={inputRef}
      />
      <Button type="submit" variation="solid" className="drug-search__submit" disabled={busy}>
        {busy ? 'Searching…' : 'Search'}
      </Button>
    </form>
  );
}
