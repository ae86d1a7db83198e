// `npm run audit:verify`: recomputes the audit log's hash chain on DATABASE_URL (or the embedded database in
// DATA_DIR) and names the first broken link. Exit code 0 when intact, 1 when broken.
import { openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { verifyAuditChain } from './audit';

export async function auditVerifyReport(
  db: Parameters<typeof verifyAuditChain>[0],
): Promise<{ ok: boolean; message: string }> {
  const broken = await verifyAuditChain(db);
  return broken === null
    ? { ok: true, message: 'Audit chain intact.' }
    : {
        ok: false,
        message: `Audit chain broken at seq ${broken}: that row or the one before it was changed or removed.`,
      };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const { ok, message } = await auditVerifyReport(handle.db);
  await handle.close();
  console.log(message);
  process.exitCode = ok ? 0 : 1;
}
