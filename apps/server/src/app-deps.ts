// What every domain's routes and services get from the process: configuration, database, mail and a clock.
import type { DatabaseHandle } from '@openpbm/db';
import type { Config } from '@openpbm/shared/config';
import type { VaultClient } from '@openpbm/vault';
import type { CaptureMailbox } from './email/capture-mailbox';
import type { Mailer } from './email/mailer';

export interface AppDeps {
  config: Config;
  db: DatabaseHandle;
  mailer: Mailer;
  /** The embedded capture mailbox (development and tests); absent when a real SMTP relay is configured. */
  mailbox?: CaptureMailbox;
  /** The current time; tests move it. */
  now: () => Date;
  /** The card vault (apps/vault); absent only in tests that do not touch payment cards. */
  vault?: VaultClient;
  /** Tests only: fault points, e.g. the process dying after the vault charged and before the charge is recorded. */
  faults?: { afterVaultCharge?: (orderId: string) => Promise<void> };
}
