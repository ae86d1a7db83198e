// `npm start`: the OpenPBM server. Prints the URL (the e2e harness waits for this line) and demo logins.
import { DEMO_LOGINS, DEMO_STAFF_TOTP_SECRET } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { startOpenPbm } from './startup';

const config = loadConfig();
const running = await startOpenPbm(config);

console.log(`OpenPBM listening on ${running.url}`);
console.log(
  config.embeddedDatabase
    ? `Database: embedded PGlite in ${config.DATA_DIR}`
    : 'Database: PostgreSQL (DATABASE_URL)',
);
if (running.deps.mailbox && !config.isProduction)
  console.log(`Mailbox: ${running.url}/dev/mailbox (captured mail; opens only from this machine, loopback)`);
else console.log('Mailbox: none (mail goes to SMTP_URL)');
console.log(`API docs: ${running.url}/docs`);
if (running.claimsTcpPort) console.log(`Claims TCP: ${config.CLAIMS_TCP_HOST}:${running.claimsTcpPort}`);
if (config.SEED_DEMO && !config.isProduction) {
  if (running.seededDemo) console.log('Demo data loaded into the empty database.');
  console.log('\nDemo logins (synthetic people; sign in at /sign-in):');
  for (const login of DEMO_LOGINS) {
    console.log(
      `  ${login.role.padEnd(18)} ${login.username.padEnd(22)} ${login.password}   ${login.description}`,
    );
  }
  console.log(
    `\nStaff logins ask for a second factor: add the key ${DEMO_STAFF_TOTP_SECRET} to an authenticator app\n` +
      '(or run `npm run demo:totp`) and enter its 6-digit code.',
  );
}

// SIGTERM (orchestrators, load balancers) and Ctrl-C both drain first; exit 0 when nothing had to be cut.
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  running.app.log.info({ signal }, 'draining');
  const report = await running.shutdown();
  // One line a supervisor (and the graceful-shutdown test) can read.
  console.log(`OpenPBM stopped: ${JSON.stringify(report)}`);
  process.exit(report.cut === 0 ? 0 : 1);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
