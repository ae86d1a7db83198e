// The home-delivery order lifecycle: received → verified (pharmacist) → filled → shipped → delivered, with
// exception (a problem to resolve) and cancelled on the side. One table of allowed moves decides every step.

export type OrderStatus =
  | 'received'
  | 'verified'
  | 'filled'
  | 'shipped'
  | 'delivered'
  | 'exception'
  | 'cancelled';

/** The normal path, in order: what the member's timeline shows. */
export const ORDER_TIMELINE: readonly OrderStatus[] = [
  'received',
  'verified',
  'filled',
  'shipped',
  'delivered',
];

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  received: ['verified', 'exception', 'cancelled'],
  verified: ['filled', 'exception', 'cancelled'],
  filled: ['shipped', 'exception'],
  shipped: ['delivered', 'exception'],
  delivered: [],
  // An exception is resolved by going back into the flow where it stopped (or cancelling).
  exception: ['received', 'verified', 'filled', 'shipped', 'delivered', 'cancelled'],
  cancelled: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Orders still being worked on: a prescription in one of them cannot be ordered again. */
export function isOpenOrder(status: OrderStatus): boolean {
  return status !== 'delivered' && status !== 'cancelled';
}

/** Once filled, the medicine exists: the member can no longer cancel. */
export function memberMayCancel(status: OrderStatus): boolean {
  return status === 'received' || status === 'verified';
}
