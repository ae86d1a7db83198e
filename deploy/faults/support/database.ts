// The database a fault test runs on: embedded PGlite in a temp directory, or a scratch database on the
// PostgreSQL server TEST_DATABASE_URL names. Migrated and seeded with the demo data here, in the test process,
// before any server starts; the payable claims workload is read from it at the same time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import { createScratchDatabase } from '@openpbm/db/scratch-database';
import { seedDemoIfEmpty } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { buildWorkload, type WorkloadClaim } from '../../../bench/lib/claims-workload';
import { TODAY } from './claims-load';

export interface PreparedDatabase {
  engine: 'pglite' | 'postgres';
  /** DATA_DIR or DATABASE_URL for a server process. */
  serverEnv: Record<string, string>;
  /** Payable claims (each at most once: they are paid on the first send). */
  workload: WorkloadClaim[];
  /** Opens it in this process (for PGlite: only while no server process has it open). */
  open(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

export async function prepareDatabase(engine: 'pglite' | 'postgres'): Promise<PreparedDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let options: { dataDir: string } | { url: string };
  let cleanup: () => Promise<void>;
  let serverEnv: Record<string, string>;
  if (engine === 'postgres') {
    if (!serverUrl) throw new Error('PostgreSQL fault tests need TEST_DATABASE_URL');
    const scratch = await createScratchDatabase(serverUrl, 'openpbm_faults');
    options = { url: scratch.url };
    serverEnv = { DATABASE_URL: scratch.url };
    cleanup = () => scratch.drop();
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'openpbm-faults-'));
    options = { dataDir };
    serverEnv = { DATA_DIR: dataDir };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const handle = await openMigratedDatabase(options);
  let workload: WorkloadClaim[];
  try {
    await seedDemoIfEmpty(handle);
    const rounds = await buildWorkload(handle.sql, loadConfig().FIELD_ENCRYPTION_KEY, TODAY);
    workload = rounds.flat();
  } finally {
    await handle.close();
  }
  return { engine, serverEnv, workload, open: () => openMigratedDatabase(options), cleanup };
}
