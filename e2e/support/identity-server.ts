// The real server for the identity journeys, plus one eligibility family whose member facts the journeys type
// into the activation form (the demo seed's facts are random). Printed as `E2E_FAMILY {json}` before the
// "listening" line that startServer waits for. The card vault is started first with a generous timeout (on a busy
// 2-core machine its cold start can exceed the server's default 60 s) and handed over as VAULT_URL.
import { loadConfig } from '@openpbm/shared/config';
import { startVaultChild } from '@openpbm/vault';
import { startOpenPbm } from '../../apps/server/src/startup';
import { insertFamily } from '../../apps/server/test/identity/fixtures';

const vault = await startVaultChild({ dataDir: 'memory://', timeoutMs: 240_000 });
const config = loadConfig({ ...process.env, VAULT_URL: vault.url, VAULT_CALLER_SECRET: vault.callerSecret });
const running = await startOpenPbm(config);
const family = await insertFamily(running.deps.db, new Date().toISOString().slice(0, 10), config);
console.log(`E2E_FAMILY ${JSON.stringify(family)}`);
console.log(`OpenPBM listening on ${running.url}`);

const stop = async () => {
  await running.stop();
  await vault.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
