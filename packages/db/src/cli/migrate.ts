// `npm run db:migrate`: apply pending migrations to DATABASE_URL or the embedded database in DATA_DIR.
import { loadConfig } from '@openpbm/shared/config';
import { openDatabase } from '../client';

const config = loadConfig();
const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await handle.migrate();
await handle.close();
console.log(`Migrations applied (${handle.kind}).`);
