// The formulary documents tool (`formulary_documents`): the formularies of a client's plans, and each one's drug
// list as a CSV document (tier and PA / step therapy / quantity limit / excluded flags). A formulary id that is
// not behind one of the client's plans answers the same 404 as a client the caller cannot see.
import type { FormularyDocumentsView } from '@openpbm/shared/client-tools';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { notFound } from '../platform/problem';
import { findClient } from './access-repo';
import { createClientAccess, noSuchClient } from './client-access';
import * as repo from './formulary-docs-repo';

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const yes = (b: boolean) => (b ? 'yes' : 'no');

export function createFormularyDocumentsService(deps: AppDeps) {
  const access = createClientAccess(deps);

  async function list(principal: Principal, clientId: string): Promise<FormularyDocumentsView> {
    await access.requireTool(principal, clientId, 'formulary_documents');
    const client = await findClient(deps.db.db, clientId);
    if (!client) throw noSuchClient();
    const rows = await repo.formulariesOfClient(deps.db, clientId);
    return {
      client: { code: client.code, name: client.name },
      documents: rows.map((r) => ({
        formularyId: r.formulary_id,
        code: r.code,
        name: r.name,
        effectiveDate: r.effective_date,
        status: r.status,
        plans: r.plans,
        drugs: r.drugs,
      })),
    };
  }

  return {
    list,
    async csv(principal: Principal, clientId: string, formularyId: string) {
      const { documents } = await list(principal, clientId);
      const doc = documents.find((d) => d.formularyId === formularyId);
      if (!doc) throw notFound('None of this client’s plans uses this formulary.');
      const lines = await repo.formularyLines(deps.db, formularyId);
      const head = 'drug,ndc,tier,prior_authorization,step_therapy,quantity_limit,excluded';
      const body = lines.map((l) =>
        [
          quote(l.drug),
          l.ndc ?? '',
          l.tier,
          yes(l.requires_prior_auth),
          yes(l.requires_step_therapy),
          yes(l.has_quantity_limit),
          yes(l.excluded),
        ].join(','),
      );
      return {
        filename: `formulary-${doc.code}-${doc.effectiveDate}.csv`,
        csv: `${[head, ...body].join('\r\n')}\r\n`,
      };
    },
  };
}
