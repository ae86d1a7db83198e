import type { FormularySearchRequest, FormularySearchResponse } from '@openpbm/shared/benefits';
import { useMutation } from '@tanstack/react-query';
import { postJson } from './api';

/** Drug searches are POSTs (the drug name stays out of URLs and logs), hence a mutation. */
export function useFormularySearch() {
  return useMutation({
    mutationFn: (request: FormularySearchRequest) =>
      postJson<FormularySearchResponse>('/api/benefits/formulary/search', request),
  });
}
