import { Alert } from '@cmsgov/design-system';
import { ORDER_STATUS_LABELS, type OrderSummary } from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatCents } from '../../../components/format/money';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

const COLUMNS: ReadonlyArray<QueueColumn<OrderSummary>> = [
  {
    title: 'Order',
    rowHeader: true,
    cell: (o) => (
      <>
        <Link to="/members/orders/$orderId" params={{ orderId: o.id }}>
          {o.orderNumber}
        </Link>
        <span className="rx-hint">
          {o.itemCount} {o.itemCount === 1 ? 'item' : 'items'}
          {o.source === 'auto_refill' ? ' · automatic refill' : ''}
        </span>
      </>
    ),
  },
  { title: 'For', cell: (o) => o.memberName },
  { title: 'Placed', cell: (o) => formatInstant(o.createdAt) },
  { title: 'Status', cell: (o) => ORDER_STATUS_LABELS[o.status] },
  { title: 'Delivery', cell: (o) => <Delivery order={o} /> },
  { title: 'You pay', className: 'rx-amount', cell: (o) => formatCents(o.totalMemberCostCents) },
];

function Delivery({ order: o }: { order: OrderSummary }) {
  return (
    <>
      {o.status === 'delivered'
        ? 'Delivered'
        : o.estimatedDeliveryDate && o.status !== 'cancelled'
          ? `By ${formatDate(o.estimatedDeliveryDate)}`
          : '—'}
      {o.trackingUrl ? (
        <a className="rx-block" href={o.trackingUrl} rel="noopener noreferrer" target="_blank">
          Track with {o.carrier}
        </a>
      ) : null}
    </>
  );
}

function Orders() {
  const orders = useQuery({
    queryKey: ['pharmacy', 'orders'],
    queryFn: () => getJson<{ orders: OrderSummary[] }>('/api/orders'),
  });
  return (
    <QueryBoundary query={orders} what="your orders">
      {(data) => (
        <QueueTable
          caption="Home-delivery orders"
          compact={false}
          className="rx-orders"
          columns={COLUMNS}
          rows={data.orders}
          rowKey={(o) => o.id}
          empty={
            <Alert heading="No home-delivery orders yet" headingLevel="2">
              <p>
                <Link to="/members/prescriptions">Choose prescriptions to refill</Link> and we will mail them
                to you.
              </p>
            </Alert>
          }
        />
      )}
    </QueryBoundary>
  );
}

export function OrdersPage() {
  return (
    <Page
      title="Orders"
      eyebrow="For members"
      heading="Home-delivery orders"
      lead="Every order, where it is now and when it arrives."
    >
      <PharmacyGate purpose="your orders">
        <PharmacyNav />
        <Orders />
      </PharmacyGate>
    </Page>
  );
}
