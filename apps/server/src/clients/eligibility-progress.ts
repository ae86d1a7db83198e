// How far a large eligibility file has got, for the upload page's progress display: the page names its upload with
// a random id and polls while the check or apply runs. Kept in the database (eligibility_upload_progress) so that
// any app node answers the poll; a few numbers per upload, never a record; visible only to the user who sent the
// file; swept 10 minutes after the last update.
//
// The writes go through the pool outside the apply's transaction (so other sessions see them at once) and are
// never awaited by the import: while one is in flight only the latest state waits, so a fast import is not slowed
// to the database's pace, and on the embedded database (one connection) they simply queue behind the transaction.
import type { Database } from '@openpbm/db';
import * as repo from './eligibility-repo';
import type { EligibilityProgress } from './eligibility-service';

export interface ProgressState {
  phase: 'checking' | 'applying' | 'done';
  processed: number;
  total: number;
  errors: number;
}

const KEEP_MS = 10 * 60_000;

interface Deps {
  db: { db: Database };
  now: () => Date;
}

/** A progress callback that records under `uploadId` for this user and client; finish() marks it done. */
export function trackUpload(deps: Deps, uploadId: string, userId: string, clientId: string) {
  const db = deps.db.db;
  let chain: Promise<void> = repo.sweepProgress(db, new Date(deps.now().getTime() - KEEP_MS)).catch(ignore);
  let queued: ProgressState | null = null;
  const set = (s: ProgressState) => {
    const scheduled = queued !== null;
    queued = s;
    // A write already scheduled (not yet started) will take the latest state.
    if (scheduled) return;
    chain = chain
      .then(async () => {
        const state = queued;
        queued = null;
        if (state)
          await repo.saveProgress(db, { ...state, uploadId, userId, clientId, updatedAt: deps.now() });
      })
      .catch(ignore);
  };
  set({ phase: 'checking', processed: 0, total: 0, errors: 0 });
  const onProgress: EligibilityProgress = (p) => set(p);
  return {
    onProgress,
    finish: async (total: number, errors: number) => {
      set({ phase: 'done', processed: total, total, errors });
      await chain;
    },
  };
}

/**
 * Runs a check or apply of one file, tracked under `uploadId` when the page named one: the progress ends as
 * "done" with the counts, or with zeros when the run failed.
 */
export async function runTracked<T extends { records: number; errors: unknown[] }>(
  deps: Deps,
  upload: { uploadId?: string | undefined; userId: string; clientId: string },
  run: (onProgress: EligibilityProgress | undefined) => Promise<T>,
): Promise<T> {
  const tracker = upload.uploadId ? trackUpload(deps, upload.uploadId, upload.userId, upload.clientId) : null;
  try {
    const out = await run(tracker?.onProgress);
    await tracker?.finish(out.records, out.errors.length);
    return out;
  } catch (error) {
    await tracker?.finish(0, 0);
    throw error;
  }
}

// Progress is a courtesy display: a failed write must never fail the import itself.
function ignore(): void {}

export function uploadProgress(
  deps: Deps,
  uploadId: string,
  userId: string,
  clientId: string,
): Promise<ProgressState | null> {
  return repo.findProgress(deps.db.db, uploadId, userId, clientId);
}
