// The disclosure package of a legal request: only the parts of the record in scope (sectionsInScope) of only the
// members in scope, as one FHIR R4 Bundle (type "collection") and the same content as a PDF, for the privacy
// officer to hand to the requester. Each production is audited per member. Also the client portal message that
// goes with the client e-mail, and the client users' inbox.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { type ClientMessageView, RECORD_SECTION_LABELS, type RecordSection } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { type PdfBlock, renderPdf } from '../platform/pdf/pdf';
import { notFound } from '../platform/problem';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import { readSection, toBundle } from './fhir-bundle';
import * as repo from './package-repo';
import { bundleBlocks } from './record-pdf';

const KIND_LABELS = {
  subpoena: 'Subpoena',
  court_order: 'Court order',
  regulator_request: 'Regulator request',
};

interface MemberPart {
  memberNumber: string;
  resources: Array<{ resourceType: string; id: string } & Record<string, unknown>>;
}

async function collect(deps: AppDeps, actor: Actor, id: string, format: 'json' | 'pdf') {
  const db = deps.db.db;
  const request = await repo.findLegalRequest(db, id);
  if (!request) throw notFound('No legal request with this id.');
  const key = fieldKeyFromConfig(deps.config);
  const sections = request.sectionsInScope as RecordSection[];
  const parts: MemberPart[] = [];
  for (const m of await repo.membersOfRequest(db, id)) {
    const resources = [];
    for (const section of sections) resources.push(...(await readSection(deps.db, key, section, m.memberId)));
    parts.push({
      memberNumber: decryptField(key, m.memberNumberEnc, FIELD_CONTEXTS.memberNumber),
      resources,
    });
    await recordAudit(
      db,
      {
        actorUserId: actor.principal.userId,
        actorRole: actor.principal.role,
        action: 'produced_disclosure_package',
        resourceType: 'legal_request',
        resourceId: id,
        memberId: m.memberId,
        reason: 'required_by_law',
        ip: actor.ip,
        detail: { format, sections },
      },
      deps.now(),
    );
  }
  return { request, sections, parts };
}

export async function disclosurePackageBundle(deps: AppDeps, actor: Actor, id: string): Promise<string> {
  const { parts } = await collect(deps, actor, id, 'json');
  return JSON.stringify(
    toBundle(
      parts.flatMap((p) => p.resources),
      deps.now(),
    ),
  );
}

export async function disclosurePackagePdf(deps: AppDeps, actor: Actor, id: string): Promise<Buffer> {
  const { request, sections, parts } = await collect(deps, actor, id, 'pdf');
  const blocks: PdfBlock[] = [
    {
      kind: 'fields',
      fields: [
        ['Kind', KIND_LABELS[request.kind]],
        ['Requester', request.requester],
        ['Legal basis', request.legalBasis],
        ['Due date', request.dueDate],
        ['Records in scope', request.recordsInScope],
        ['Parts of the record', sections.map((s) => RECORD_SECTION_LABELS[s]).join(', ')],
        ['Members', String(parts.length)],
      ],
    },
  ];
  for (const part of parts) {
    blocks.push({ kind: 'heading', text: `Member ${part.memberNumber}` });
    blocks.push(...bundleBlocks({ entry: part.resources.map((resource) => ({ resource })) }, sections, true));
  }
  return renderPdf({
    title: `Disclosure package: ${KIND_LABELS[request.kind].toLowerCase()}`,
    subtitle: `For ${request.requester}. Only the members and parts of the record in scope.`,
    generatedAt: deps.now(),
    blocks,
  });
}

/** The client portal message of a disclosure: kind, requester, date and a count, never a member or a record. */
export async function postClientMessages(deps: AppDeps, legalRequestId: string): Promise<void> {
  const db = deps.db.db;
  const request = await repo.findLegalRequest(db, legalRequestId);
  if (!request) return;
  const clients = await repo.clientsOfRequest(db, legalRequestId);
  await repo.insertClientMessages(
    db,
    clients.map((c) => ({
      clientId: c.clientId,
      legalRequestId,
      subject: 'A legal disclosure involved members of your plan',
      body: [
        `OpenPBM disclosed records of ${c.members} member${c.members === 1 ? '' : 's'} of your plan because the law required it.`,
        `Kind: ${KIND_LABELS[request.kind]}. Requested by: ${request.requester}. Logged on ${request.createdAt.toISOString().slice(0, 10)}.`,
        'Each member can see the disclosure in their accounting of disclosures. Questions go to the privacy officer.',
      ].join('\n'),
      createdAt: deps.now(),
    })),
  );
}

export async function clientInbox(deps: AppDeps, principal: Principal): Promise<ClientMessageView[]> {
  if (!principal.clientId) return [];
  const rows = await repo.clientMessagesOf(deps.db.db, principal.clientId, 100);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
