// The claims benchmark's embedded-engine part (issue 16 item 8): what `npm start` users get. A PGlite database
// in a temporary data directory on disk (as ./data/ is), seeded with BENCH_CLAIMS_PGLITE_MEMBERS members
// (default 5,000), the claims service called in-process with the same CONNECTIONS concurrent pharmacies.
// PGlite is one connection in this process: concurrent claims queue on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import { deriveFieldKey } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { AS_OF, CONNECTIONS, pharmaciesInEveryNetwork } from './claims-phases';
import { buildWorkload, type WorkloadClaim } from './claims-workload';
import { statementCounter } from './statement-counter';

const MEMBERS = Number(process.env.BENCH_CLAIMS_PGLITE_MEMBERS ?? 5_000);

export interface PgliteClaims {
  db: DatabaseHandle;
  members: number;
  counts: ReturnType<typeof statementCounter>['counts'];
  /** Round `round`'s claims (each round its own slice: every claim new). */
  slice(round: number): WorkloadClaim[];
  close(): Promise<void>;
}

export async function openPgliteClaims(fieldKeyHex: string, rounds: number): Promise<PgliteClaims> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openpbm-bench-pglite-'));
  const counter = statementCounter();
  const db = await openMigratedDatabase({ dataDir, onQuery: counter.observe });
  try {
    await seedDatabase(db, {
      members: MEMBERS,
      seed: 42,
      asOf: AS_OF,
      fieldKey: deriveFieldKey(fieldKeyHex),
    });
    const workload = (await buildWorkload(db.sql, fieldKeyHex, AS_OF)).flat();
    const everywhere = await pharmaciesInEveryNetwork(db, CONNECTIONS);
    workload.forEach((c, i) => {
      const pharmacy = everywhere[i % everywhere.length];
      if (pharmacy) Object.assign(c, { pharmacyId: pharmacy.id, pharmacyNpi: pharmacy.npi });
    });
    const size = Math.floor(workload.length / rounds);
    if (size < 50) throw new Error('the PGlite seed produced too few claimable members');
    return {
      db,
      members: MEMBERS,
      counts: counter.counts,
      slice: (round) => workload.slice(round * size, (round + 1) * size),
      close: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
