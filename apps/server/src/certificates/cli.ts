// `npm run ca -- init|rotate|crl`: the operator's tasks for the client-access CA, on the configured database.
//   init            create the root + issuing CA when there is none (`--force`: a new root, the old one retired)
//   rotate          a new issuing intermediate under the current root (`--root`: a whole new pair)
//   crl [--out F]   sign a fresh CRL per issuing CA and print it (or write it to F)
import { writeFileSync } from 'node:fs';
import { openMigratedDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { systemCaRepo } from './ca-repo';
import { clientCaFor, createCa, rotateIssuing } from './ca-service';

const [command, ...args] = process.argv.slice(2);
const config = loadConfig();
const db = await openMigratedDatabase(
  config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
);
const kek = config.CA_KEY_ENCRYPTION_KEY;
const now = new Date();
try {
  if (command === 'init') {
    const { root } = await systemCaRepo(db.db).active();
    if (root && !args.includes('--force')) console.log('A CA exists already (use --force for a new root).');
    else {
      await createCa(db, kek, now);
      console.log('Created a new root and issuing CA.');
    }
  } else if (command === 'rotate') {
    if (args.includes('--root')) await createCa(db, kek, now);
    else await rotateIssuing(db, kek, now);
    console.log(
      args.includes('--root') ? 'New root and issuing CA.' : 'New issuing CA under the current root.',
    );
  } else if (command === 'crl') {
    const ca = await clientCaFor(db, config, () => now);
    const { crl } = await ca.refreshCrls(now);
    const out = args[args.indexOf('--out') + 1];
    if (args.includes('--out') && out) {
      writeFileSync(out, crl.map((c) => `${c.trim()}\n`).join(''));
      console.log(`Wrote ${crl.length} CRL(s) to ${out}`);
    } else process.stdout.write(crl.map((c) => `${c.trim()}\n`).join(''));
  } else {
    console.error('usage: npm run ca -- init [--force] | rotate [--root] | crl [--out FILE]');
    process.exitCode = 2;
  }
  if (command === 'init' || command === 'rotate') {
    const { root, issuing } = await systemCaRepo(db.db).active();
    process.stdout.write(`${root?.certPem.trim() ?? ''}\n${issuing?.certPem.trim() ?? ''}\n`);
  }
} finally {
  await db.close();
}
