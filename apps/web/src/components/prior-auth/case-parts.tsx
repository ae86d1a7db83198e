// Pieces the prior authorization pages share (prescriber portal, clinical review console, member status page):
// status tags, the criteria findings and the case timeline.
import { Badge } from '@cmsgov/design-system';
import { CASE_STATUS_LABELS, type CaseStatus } from '@openpbm/shared/prior-auth';
import { formatInstant } from '../format/dates';
import './prior-auth.css';

const STATUS_VARIATION: Partial<Record<CaseStatus, 'success' | 'alert' | 'warn' | 'info'>> = {
  approved: 'success',
  denied: 'alert',
  pending_info: 'warn',
  in_review: 'info',
  pending: 'info',
};

/** Still open: the prescriber can add to it, the reviewer can decide it (the server's rule in packages/domain). */
export const isOpenCase = (status: CaseStatus): boolean =>
  status === 'pending' || status === 'in_review' || status === 'pending_info';

export function StatusTag({ status, label }: { status: CaseStatus; label?: string }) {
  const variation = STATUS_VARIATION[status];
  return (
    <Badge className="pa-status" {...(variation ? { variation } : {})}>
      {label ?? CASE_STATUS_LABELS[status]}
    </Badge>
  );
}

export interface CriterionFinding {
  id: string;
  label: string;
  status: 'met' | 'not_met' | 'unverified';
  evidence: string;
}

const FINDING_TEXT = { met: 'Met', not_met: 'Not met', unverified: 'Needs clinical review' } as const;

/** The criteria engine's findings, one row per criterion. */
export function CriteriaFindings({
  findings,
  showEvidence,
}: {
  findings: CriterionFinding[];
  showEvidence: boolean;
}) {
  if (findings.length === 0) return <p>No criteria findings were recorded for this request.</p>;
  return (
    <ul className="pa-findings">
      {findings.map((finding) => (
        <li key={finding.id} className={`pa-findings__item pa-findings__item--${finding.status}`}>
          <strong>{FINDING_TEXT[finding.status]}:</strong> {finding.label}
          {showEvidence && finding.evidence ? (
            <span className="pa-findings__evidence">{finding.evidence}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const EVENT_TEXT: Record<string, string> = {
  submitted: 'Request received',
  auto_approved: 'Approved automatically: every criterion met',
  queued: 'Sent to clinical review',
  review_started: 'A clinical reviewer started the review',
  info_requested: 'More information requested (decision clock stopped)',
  info_provided: 'Information provided (decision clock restarted)',
  info_window_expired: 'No answer in time: the review continues with the information at hand',
  attachment_added: 'Document attached',
  approved: 'Approved',
  denied: 'Denied',
  escalated: 'Decision overdue: escalated',
  appealed: 'Decision appealed',
  withdrawn: 'Withdrawn',
};

export function Timeline({ events }: { events: Array<{ kind: string; at: string; note: string | null }> }) {
  return (
    <ol className="pa-timeline">
      {events.map((event) => (
        <li key={`${event.kind}-${event.at}`} className="pa-timeline__item">
          <span className="pa-timeline__when">{formatInstant(event.at)}</span>
          <span>{EVENT_TEXT[event.kind] ?? event.kind}</span>
          {event.note ? <q className="pa-timeline__note">{event.note}</q> : null}
        </li>
      ))}
    </ol>
  );
}

/** A file as base64 (the upload API takes JSON). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
