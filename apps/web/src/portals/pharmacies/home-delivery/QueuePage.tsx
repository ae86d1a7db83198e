import { ORDER_STATUS_LABELS, type QueueResponse } from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { StatusTabs } from '../../../components/content/StatusTabs';
import { formatInstant } from '../../../components/format/dates';
import { HomeDeliveryConsolePage } from './HomeDeliveryConsolePage';
import '../../../styles/pharmacy.css';

const STATUSES = ['received', 'verified', 'filled', 'shipped', 'exception'] as const;
type QueueStatus = (typeof STATUSES)[number];
const TAB_LABELS: Record<QueueStatus, string> = {
  received: 'To verify',
  verified: 'To fill',
  filled: 'To ship',
  shipped: 'In transit',
  exception: 'Exceptions',
};

const COLUMNS: ReadonlyArray<QueueColumn<QueueResponse['orders'][number]>> = [
  {
    title: 'Order',
    rowHeader: true,
    cell: (o) => (
      <Link to="/pharmacies/home-delivery/orders/$orderId" params={{ orderId: o.id }}>
        {o.orderNumber}
      </Link>
    ),
  },
  { title: 'Patient', cell: (o) => o.memberName },
  { title: 'Items', cell: (o) => o.itemCount },
  { title: 'Shipping', cell: (o) => (o.shippingSpeed === 'expedited' ? 'Expedited' : 'Standard') },
  { title: 'Placed', cell: (o) => formatInstant(o.createdAt) },
  { title: 'Status since', cell: (o) => `${ORDER_STATUS_LABELS[o.status]}, ${formatInstant(o.updatedAt)}` },
];

/** The exceptions tab also says why each order stopped (a payment held for checking reads "Payment unconfirmed"). */
const EXCEPTION_COLUMNS: typeof COLUMNS = [
  ...COLUMNS,
  { title: 'Why', cell: (o) => o.exceptionReason ?? '' },
];

function Queue() {
  const [status, setStatus] = useState<QueueStatus>('received');
  const queue = useQuery({
    queryKey: ['home-delivery', 'queue', status],
    queryFn: () => getJson<QueueResponse>(`/api/home-delivery/queue?status=${status}`),
    refetchInterval: 30_000,
  });
  return (
    <>
      <StatusTabs
        legend="Work queue"
        statuses={STATUSES}
        label={(s) => TAB_LABELS[s]}
        value={status}
        onChange={setStatus}
        counts={queue.data?.counts}
      />
      <QueryBoundary query={queue} what="the queue">
        {(data) => (
          <QueueTable
            caption={`${TAB_LABELS[status]}: expedited first, then oldest first`}
            compact={false}
            columns={status === 'exception' ? EXCEPTION_COLUMNS : COLUMNS}
            rows={data.orders}
            rowKey={(o) => o.id}
            empty={`Nothing waiting in “${TAB_LABELS[status]}”.`}
          />
        )}
      </QueryBoundary>
    </>
  );
}

export function QueuePage() {
  return (
    <HomeDeliveryConsolePage
      title="Home-delivery orders"
      heading="Order queue"
      lead="Verify, fill and ship member orders."
      purpose="the order queue"
    >
      <Queue />
    </HomeDeliveryConsolePage>
  );
}
