// The drug a member picked on the coverage page travels to the price check in history state, not in the URL:
// drug names are health information and URLs end up in logs and browser history.
import type { FormularyResult } from '@openpbm/shared/benefits';

export interface PriceCheckHandoff {
  memberId: string;
  drug: Pick<FormularyResult, 'drugGroupId' | 'name' | 'products' | 'status' | 'tier'>;
}

declare module '@tanstack/react-router' {
  interface HistoryState {
    priceCheck?: PriceCheckHandoff;
  }
}
