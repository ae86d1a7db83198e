// `npm run demo:totp`: the 6-digit code the demo staff authenticator shows now (demo data only; see npm start).
import { DEMO_STAFF_TOTP_SECRET } from '@openpbm/db/seed/index';
import { totpCodeAt } from './identity/totp';

console.log(await totpCodeAt(DEMO_STAFF_TOTP_SECRET, new Date()));
