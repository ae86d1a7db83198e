// `npm run eligibility:import -- FILE --client CL1001 [--dry-run]`: the operator's way to load an eligibility file
// (834 or CSV) on the server, through the same service as the portal's upload (eligibility-service.ts): the same
// validation and error report, all-or-nothing apply, the same "already applied" check and audit rows (actor
// "operator:<OS user>"). Shows a progress bar while it checks and applies. Exit code 0 applied (or checked clean
// with --dry-run, or already applied), 1 the file has errors, 2 bad usage.
import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import cliProgress from 'cli-progress';
import type { AppDeps } from '../app-deps';
import { ProblemError } from '../platform/problem';
import { findClientByCode } from './access-repo';
import { createEligibilityService, type EligibilityPreview } from './eligibility-service';
import { ELIGIBILITY_FILE_MAX_BYTES } from './routes';

const USAGE = `Usage: npm run eligibility:import -- FILE --client CODE [--dry-run]
  FILE       an ASC X12 834 (5010) file or a CSV with the documented header
  --client   the client number, e.g. CL1001
  --dry-run  check the file and print what would change; write nothing`;

function summary(p: EligibilityPreview): string {
  return `${p.records.toLocaleString('en-US')} records (${p.format}): ${p.adds} to add, ${p.changes} to change, ${p.terminations} to terminate`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      client: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const file = positionals[0];
  if (values.help || !file || !values.client) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (statSync(file).size > ELIGIBILITY_FILE_MAX_BYTES) {
    console.error(`The file is larger than ${ELIGIBILITY_FILE_MAX_BYTES / 1024 / 1024} MB.`);
    return 2;
  }
  const content = readFileSync(file, 'utf8');
  const config = loadConfig();
  const db = await openMigratedDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {value}/{total} records, {errors} errors', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const client = await findClientByCode(db.db, values.client);
    if (!client) {
      console.error(`No client has the number ${values.client}.`);
      return 2;
    }
    const deps: AppDeps = {
      config,
      db,
      now: () => new Date(),
      mailer: {
        send: async () => {
          throw new Error('the eligibility import sends no mail');
        },
        close: () => {},
      },
    };
    const service = createEligibilityService(deps);
    const actor = { operator: userInfo().username || 'cli' };
    const onProgress = (p: { phase: string; processed: number; total: number; errors: number }) => {
      if (!started) {
        bar.start(p.total, 0, { phase: p.phase, errors: 0 });
        started = true;
      }
      bar.update(p.processed, { phase: p.phase, errors: p.errors });
    };
    const t0 = performance.now();
    try {
      const result = values['dry-run']
        ? await service.preview(actor, client.id, content, onProgress)
        : await service.apply(actor, client.id, content, onProgress);
      if (started) bar.stop();
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      if (result.alreadyApplied) {
        console.log(`This file was already applied to ${client.code}; nothing changed.`);
        return 0;
      }
      if (result.errors.length > 0) {
        console.log(`${summary(result)}\n${result.errors.length} errors; nothing would be applied:`);
        for (const e of result.errors) console.log(`  ${e.at}  ${e.field}  ${e.reason}`);
        return 1;
      }
      console.log(
        values['dry-run']
          ? `Checked in ${seconds} s, no errors. ${summary(result)}. Nothing written (--dry-run).`
          : `Applied to ${client.code} in ${seconds} s. ${summary(result)}.`,
      );
      return 0;
    } catch (error) {
      if (started) bar.stop();
      if (error instanceof ProblemError && error.status === 422) {
        console.log(`${error.detail}`);
        for (const e of error.errors ?? []) console.log(`  ${e.field}  ${e.message}`);
        return 1;
      }
      throw error;
    }
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
