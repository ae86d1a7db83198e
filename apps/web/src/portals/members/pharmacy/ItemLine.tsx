import type { ReactNode } from 'react';
import { formatCents } from '../../../components/format/money';

/** One prescription in a checkout or an order: drug, Rx number, amount and days, and what the member pays. */
export function ItemLine({
  item,
  children,
}: {
  item: { drugName: string; rxNumber: string; quantity: number; daysSupply: number; memberCostCents: number };
  /** Notes under the line (the quote's messages). */
  children?: ReactNode;
}) {
  return (
    <li>
      <span className="rx-checkout-items__name">{item.drugName}</span>
      <span>
        Rx {item.rxNumber} · {item.quantity} for {item.daysSupply} days
      </span>
      <span className="rx-amount">{formatCents(item.memberCostCents)}</span>
      {children}
    </li>
  );
}
