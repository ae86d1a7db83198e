import {
  CHANNEL_LABELS,
  type PriceAlternative,
  type PriceQuote,
  TIER_LABELS,
} from '@openpbm/shared/benefits';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { formatCents, formatQuantity } from '../../../components/format/money';

function QuoteNotes({ quote }: { quote: PriceQuote }) {
  if (quote.messages.length === 0 && quote.explanation.length === 0) return <>—</>;
  return (
    <>
      {quote.messages.map((message) => (
        <p key={message} className="quote-note">
          {message}
        </p>
      ))}
      {quote.explanation.length > 0 ? (
        <details className="quote-explanation">
          <summary>How we worked this out</summary>
          <ol>
            {quote.explanation.map((line) => (
              <li key={`${line.kind}-${line.description}`}>{line.description}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}

const youPay = (quote: PriceQuote) => (quote.available ? formatCents(quote.memberPayCents) : 'Not covered');

/** The requested drug through each channel: what the member pays, what the plan pays, and why. */
export function QuoteTable({ quotes, caption }: { quotes: PriceQuote[]; caption: string }) {
  // Compare per day of supply: $20 for 90 days by mail beats $10 for 30 days at retail.
  const perDay = (quote: PriceQuote) => (quote.memberPayCents ?? 0) / quote.daysSupply;
  const priced = quotes.filter((q) => q.available && q.memberPayCents != null);
  const best = priced.length > 1 ? Math.min(...priced.map(perDay)) : null;
  const columns: ReadonlyArray<QueueColumn<PriceQuote>> = [
    {
      title: 'Where you fill',
      rowHeader: true,
      cell: (quote) => (
        <>
          {CHANNEL_LABELS[quote.channel]}
          {quote.pharmacyName ? <span className="claims-table__sub">at {quote.pharmacyName}</span> : null}
          {best != null && quote.available && quote.memberPayCents != null && perDay(quote) === best ? (
            <span className="quote-best"> Lowest cost per day for you</span>
          ) : null}
        </>
      ),
    },
    { title: 'Supply', cell: (quote) => `${formatQuantity(quote.quantity)} for ${quote.daysSupply} days` },
    { title: 'You pay', className: 'quote-amount', cell: youPay },
    { title: 'Your plan pays', className: 'quote-amount', cell: (quote) => formatCents(quote.planPayCents) },
    {
      title: 'Total drug price',
      className: 'quote-amount',
      cell: (quote) => formatCents(quote.totalPriceCents),
    },
    { title: 'Details', cell: (quote) => <QuoteNotes quote={quote} /> },
  ];
  return (
    <QueueTable
      caption={caption}
      className="quote-table"
      compact={false}
      columns={columns}
      rows={quotes}
      rowKey={(quote) => quote.channel}
      empty="No prices for this drug."
    />
  );
}

const KIND_LABELS: Record<PriceAlternative['kind'], string> = {
  generic_equivalent: 'Generic equivalent',
  preferred_alternative: 'Preferred by your plan',
  lower_tier_alternative: 'Lower-tier alternative',
};

const ALTERNATIVE_COLUMNS: ReadonlyArray<QueueColumn<PriceAlternative>> = [
  { title: 'Drug', rowHeader: true, cell: (a) => a.drug.name },
  { title: 'Why it is listed', cell: (a) => KIND_LABELS[a.kind] },
  {
    title: 'Tier',
    cell: (a) => (a.drug.tier ? TIER_LABELS[a.drug.tier as 1 | 2 | 3 | 4] : 'Not covered'),
  },
  { title: 'You pay', className: 'quote-amount', cell: (a) => youPay(a.quote) },
  {
    title: 'Where',
    cell: (a) =>
      `${CHANNEL_LABELS[a.quote.channel]}, ${formatQuantity(a.quote.quantity)} for ${a.quote.daysSupply} days`,
  },
];

/** Cheaper options: the generic, the plan's preferred alternatives, lower-tier drugs of the same class. */
export function AlternativesTable({ alternatives }: { alternatives: PriceAlternative[] }) {
  return (
    <QueueTable
      caption="Other drugs your prescriber could consider, priced for the same supply"
      className="quote-table"
      compact={false}
      columns={ALTERNATIVE_COLUMNS}
      rows={alternatives}
      rowKey={(a) => `${a.kind}-${a.drug.ndc}`}
      empty="No cheaper options."
    />
  );
}
