import {
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import { ORDER_STATUS_LABELS, type QueueResponse } from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatInstant } from '../../../components/format/dates';
import { StaffNav } from './StaffNav';
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

function Queue() {
  const [status, setStatus] = useState<QueueStatus>('received');
  const queue = useQuery({
    queryKey: ['home-delivery', 'queue', status],
    queryFn: () => getJson<QueueResponse>(`/api/home-delivery/queue?status=${status}`),
    refetchInterval: 30_000,
  });
  return (
    <>
      <fieldset className="hd-tabs">
        <legend className="ds-u-visibility--screen-reader">Work queue</legend>
        {STATUSES.map((s) => (
          <Button key={s} size="small" aria-pressed={s === status} onClick={() => setStatus(s)}>
            {TAB_LABELS[s]} ({queue.data?.counts[s] ?? 0})
          </Button>
        ))}
      </fieldset>
      <QueryBoundary query={queue} what="the queue">
        {(data) =>
          data.orders.length === 0 ? (
            <p>Nothing waiting in “{TAB_LABELS[status]}”.</p>
          ) : (
            <Table stackable stackableBreakpoint="md">
              <TableCaption>{TAB_LABELS[status]}: expedited first, then oldest first</TableCaption>
              <TableHead>
                <TableRow>
                  <TableCell>Order</TableCell>
                  <TableCell>Patient</TableCell>
                  <TableCell>Items</TableCell>
                  <TableCell>Shipping</TableCell>
                  <TableCell>Placed</TableCell>
                  <TableCell>Status since</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.orders.map((o) => (
                  <TableRow key={o.id}>
                    <TableCell component="th" scope="row" stackedTitle="Order">
                      <Link to="/pharmacies/home-delivery/orders/$orderId" params={{ orderId: o.id }}>
                        {o.orderNumber}
                      </Link>
                    </TableCell>
                    <TableCell stackedTitle="Patient">{o.memberName}</TableCell>
                    <TableCell stackedTitle="Items">{o.itemCount}</TableCell>
                    <TableCell stackedTitle="Shipping">
                      {o.shippingSpeed === 'expedited' ? 'Expedited' : 'Standard'}
                    </TableCell>
                    <TableCell stackedTitle="Placed">{formatInstant(o.createdAt)}</TableCell>
                    <TableCell stackedTitle="Status since">
                      {ORDER_STATUS_LABELS[o.status]}, {formatInstant(o.updatedAt)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        }
      </QueryBoundary>
    </>
  );
}

export function QueuePage() {
  return (
    <Page
      title="Home-delivery orders"
      eyebrow="Home-delivery pharmacy"
      heading="Order queue"
      lead="Verify, fill and ship member orders."
    >
      <PharmacyGate purpose="the order queue" roles={['pharmacy_staff']}>
        <StaffNav />
        <Queue />
      </PharmacyGate>
    </Page>
  );
}
