import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import {
  CHANNEL_LABELS,
  type PriceAlternative,
  type PriceQuote,
  TIER_LABELS,
} from '@openpbm/shared/benefits';
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
  return (
    <Table className="quote-table" stackable stackableBreakpoint="md">
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Where you fill</TableCell>
          <TableCell>Supply</TableCell>
          <TableCell>You pay</TableCell>
          <TableCell>Your plan pays</TableCell>
          <TableCell>Total drug price</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {quotes.map((quote) => (
          <TableRow key={quote.channel}>
            <TableCell component="th" scope="row" stackedTitle="Where you fill">
              {CHANNEL_LABELS[quote.channel]}
              {best != null && quote.available && quote.memberPayCents != null && perDay(quote) === best ? (
                <span className="quote-best"> Lowest cost per day for you</span>
              ) : null}
            </TableCell>
            <TableCell stackedTitle="Supply">
              {formatQuantity(quote.quantity)} for {quote.daysSupply} days
            </TableCell>
            <TableCell stackedTitle="You pay" className="quote-amount">
              {youPay(quote)}
            </TableCell>
            <TableCell stackedTitle="Your plan pays" className="quote-amount">
              {formatCents(quote.planPayCents)}
            </TableCell>
            <TableCell stackedTitle="Total drug price" className="quote-amount">
              {formatCents(quote.totalPriceCents)}
            </TableCell>
            <TableCell stackedTitle="Details">
              <QuoteNotes quote={quote} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const KIND_LABELS: Record<PriceAlternative['kind'], string> = {
  generic_equivalent: 'Generic equivalent',
  preferred_alternative: 'Preferred by your plan',
  lower_tier_alternative: 'Lower-tier alternative',
};

/** Cheaper options: the generic, the plan's preferred alternatives, lower-tier drugs of the same class. */
export function AlternativesTable({ alternatives }: { alternatives: PriceAlternative[] }) {
  return (
    <Table className="quote-table" stackable stackableBreakpoint="md">
      <TableCaption>Other drugs your prescriber could consider, priced for the same supply</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Drug</TableCell>
          <TableCell>Why it is listed</TableCell>
          <TableCell>Tier</TableCell>
          <TableCell>You pay</TableCell>
          <TableCell>Where</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alternatives.map((alternative) => (
          <TableRow key={`${alternative.kind}-${alternative.drug.ndc}`}>
            <TableCell component="th" scope="row" stackedTitle="Drug">
              {alternative.drug.name}
            </TableCell>
            <TableCell stackedTitle="Why it is listed">{KIND_LABELS[alternative.kind]}</TableCell>
            <TableCell stackedTitle="Tier">
              {alternative.drug.tier ? TIER_LABELS[alternative.drug.tier as 1 | 2 | 3 | 4] : 'Not covered'}
            </TableCell>
            <TableCell stackedTitle="You pay" className="quote-amount">
              {youPay(alternative.quote)}
            </TableCell>
            <TableCell stackedTitle="Where">
              {CHANNEL_LABELS[alternative.quote.channel]}, {formatQuantity(alternative.quote.quantity)} for{' '}
              {alternative.quote.daysSupply} days
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
