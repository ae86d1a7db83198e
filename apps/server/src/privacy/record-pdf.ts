// A FHIR R4 Bundle of a member's record (right-of-access export, disclosure package) as a readable PDF: one
// section per kind of record, in the order of the bundle's sections. Empty sections say so rather than vanish,
// so a reader can tell "none" from "left out".
import {
  type AccountingResponse,
  RECORD_SECTION_LABELS as LABELS,
  type RecordSection,
} from '@openpbm/shared/privacy';
import { type PdfBlock, renderPdf } from '../platform/pdf/pdf';

type Json = Record<string, unknown>;
type Bundle = { entry?: Array<{ resource: Json }> };

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const at = (o: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k as string] : undefined), o);
const money = (m: unknown) => {
  const value = Number(at(m, 'value') ?? 0);
  return `$${value.toFixed(2)}`;
};
const day = (v: unknown) => str(v).slice(0, 10);
const stamp = (v: unknown) => (v ? `${str(v).slice(0, 16).replace('T', ' ')} UTC` : '');
const ext = (r: Json, url: string) =>
  ((r.extension as Json[] | undefined) ?? []).find((e) => e.url === url) as Json | undefined;

interface Section {
  section: RecordSection;
  empty: string;
  pick: (r: Json) => boolean;
  render: (rs: Json[]) => PdfBlock[];
}

const table = (columns: string[], rows: string[][], widths?: number[]): PdfBlock[] => [
  { kind: 'table', columns, rows, ...(widths ? { widths } : {}) },
];

const SECTIONS: Section[] = [
  {
    section: 'profile',
    empty: 'No profile.',
    pick: (r) => r.resourceType === 'Patient',
    render: (rs) =>
      rs.map((p) => ({
        kind: 'fields',
        fields: [
          ['Name', `${str(at(p, 'name', 0, 'given', 0))} ${str(at(p, 'name', 0, 'family'))}`.trim()],
          ['Member ID', str(at(p, 'identifier', 0, 'value'))],
          ['Date of birth', str(p.birthDate)],
          ['Gender', str(p.gender)],
          [
            'Address',
            [
              ...((at(p, 'address', 0, 'line') as string[] | undefined) ?? []),
              `${str(at(p, 'address', 0, 'city'))}, ${str(at(p, 'address', 0, 'state'))} ${str(at(p, 'address', 0, 'postalCode'))}`,
            ].join(', '),
          ],
          ...((p.telecom as Json[] | undefined) ?? []).map(
            (t) => [t.system === 'email' ? 'E-mail' : 'Phone', str(t.value)] as [string, string],
          ),
        ],
      })),
  },
  {
    section: 'coverage',
    empty: 'No coverage.',
    pick: (r) => r.resourceType === 'Coverage',
    render: (rs) =>
      table(
        ['Plan', 'From', 'To', 'Status'],
        rs.map((c) => [
          str(at(c, 'class', 0, 'value')),
          str(at(c, 'period', 'start')),
          str(at(c, 'period', 'end')),
          str(c.status),
        ]),
      ),
  },
  {
    section: 'prescriptions',
    empty: 'No prescriptions.',
    pick: (r) => r.resourceType === 'MedicationRequest',
    render: (rs) =>
      table(
        ['Rx number', 'Drug', 'Directions', 'Status'],
        rs.map((m) => [
          str(at(m, 'identifier', 0, 'value')),
          str(at(m, 'medicationCodeableConcept', 'text')),
          str(at(m, 'dosageInstruction', 0, 'text')),
          str(m.status),
        ]),
        [2, 3, 4, 1.5],
      ),
  },
  {
    section: 'claims',
    empty: 'No claims.',
    pick: (r) => r.resourceType === 'Claim' && r.use === 'claim',
    render: (rs) =>
      table(
        ['Date of service', 'NDC', 'Status', 'Total', 'You paid'],
        rs.map((c) => [
          str(c.created),
          str(at(c, 'item', 0, 'productOrService', 'coding', 0, 'code')),
          str(ext(c, 'urn:openpbm:claim-status')?.valueString),
          money(at(c, 'item', 0, 'net')),
          money(ext(c, 'urn:openpbm:patient-pay')?.valueMoney),
        ]),
      ),
  },
  {
    section: 'orders',
    empty: 'No orders.',
    pick: (r) => r.resourceType === 'Task',
    render: (rs) =>
      table(
        ['Order number', 'Ordered', 'Status', 'Shipment'],
        rs.map((t) => [
          str(at(t, 'identifier', 0, 'value')),
          day(t.authoredOn),
          str(at(t, 'businessStatus', 'text')),
          str(at(t, 'note', 0, 'text')),
        ]),
      ),
  },
  {
    section: 'priorAuth',
    empty: 'No prior-authorization cases.',
    pick: (r) => r.resourceType === 'Claim' && r.use === 'preauthorization',
    render: (rs) =>
      table(
        ['Case', 'Drug', 'Submitted', 'Status', 'Reason'],
        rs.map((c) => [
          str(at(c, 'identifier', 0, 'value')),
          str(at(c, 'item', 0, 'productOrService', 'text')),
          day(c.created),
          str(ext(c, 'urn:openpbm:case-status')?.valueString),
          str(ext(c, 'urn:openpbm:decision-reason')?.valueString),
        ]),
      ),
  },
  {
    section: 'messages',
    empty: 'No messages.',
    pick: (r) => r.resourceType === 'Communication',
    render: (rs) =>
      rs.flatMap((m): PdfBlock[] => [
        { kind: 'paragraph', text: `${stamp(m.sent)}: ${str(at(m, 'topic', 'text'))}` },
        { kind: 'paragraph', text: str(at(m, 'payload', 0, 'contentString')) },
      ]),
  },
  {
    section: 'consents',
    empty: 'No choices made: every use the notice allows is permitted.',
    pick: (r) => r.resourceType === 'Consent',
    render: (rs) =>
      table(
        ['Use', 'Choice'],
        rs.flatMap((c) =>
          ((at(c, 'provision', 'provision') as Json[] | undefined) ?? []).map((p) => [
            str(at(p, 'purpose', 0, 'display')),
            p.type === 'deny' ? 'Opted out' : 'Permitted',
          ]),
        ),
      ),
  },
  {
    section: 'audit',
    empty: 'No accesses recorded.',
    pick: (r) => r.resourceType === 'AuditEvent',
    render: (rs) =>
      table(
        ['When', 'Role', 'What', 'Purpose'],
        rs.map((e) => [
          stamp(e.recorded),
          str(at(e, 'agent', 0, 'role', 0, 'text')),
          str(at(e, 'entity', 0, 'description')),
          str(at(e, 'purposeOfEvent', 0, 'text')),
        ]),
        [2, 1.5, 3, 2],
      ),
  },
];

/**
 * The bundle's records as PDF blocks: a heading per section (only those in `only` when given), then its table or
 * paragraphs. `subheadings` writes section names as lead-in paragraphs (under a member heading of a package).
 */
export function bundleBlocks(
  bundle: Bundle,
  only?: readonly RecordSection[],
  subheadings = false,
): PdfBlock[] {
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  return SECTIONS.filter((s) => !only || only.includes(s.section)).flatMap((section) => {
    const rs = resources.filter(section.pick);
    return [
      (subheadings
        ? { kind: 'paragraph', text: `${LABELS[section.section]}:` }
        : { kind: 'heading', text: LABELS[section.section] }) as PdfBlock,
      ...(rs.length > 0 ? section.render(rs) : [{ kind: 'paragraph', text: section.empty } as PdfBlock]),
    ];
  });
}

export function recordPdf(bundleJson: string, generatedAt: Date): Promise<Buffer> {
  return renderPdf({
    title: 'Your OpenPBM record',
    subtitle: 'A copy of everything OpenPBM holds about this member (right of access, HIPAA 164.524).',
    generatedAt,
    blocks: bundleBlocks(JSON.parse(bundleJson) as Bundle),
  });
}

export function accountingPdf(accounting: AccountingResponse, generatedAt: Date): Promise<Buffer> {
  return renderPdf({
    title: 'Accounting of disclosures',
    subtitle: `Disclosures outside treatment, payment and health care operations since ${accounting.since} (HIPAA 164.528).`,
    generatedAt,
    blocks:
      accounting.disclosures.length === 0
        ? [{ kind: 'paragraph', text: 'No disclosures in this period.' }]
        : table(
            ['Date', 'Recipient', 'Purpose', 'What was disclosed'],
            accounting.disclosures.map((d) => [d.disclosedOn, d.recipient, d.purpose, d.whatDisclosed]),
            [1.2, 2, 2.5, 2.5],
          ),
  });
}
