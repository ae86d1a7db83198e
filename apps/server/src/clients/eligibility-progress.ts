// How far a large eligibility file has got, for the upload page's progress display: the page names its upload with
// a random id, and polls while the check or apply runs. Kept in this process's memory only (a few numbers per
// upload, never a record), visible only to the user who sent the file, forgotten 10 minutes after the last update.
import type { EligibilityProgress } from './eligibility-service';

export interface ProgressState {
  phase: 'checking' | 'applying' | 'done';
  processed: number;
  total: number;
  errors: number;
}

const KEEP_MS = 10 * 60_000;
const uploads = new Map<string, ProgressState & { userId: string; clientId: string; at: number }>();

function sweep(now: number) {
  for (const [id, u] of uploads) if (now - u.at > KEEP_MS) uploads.delete(id);
}

/** A progress callback that records under `uploadId` for this user and client; finish() marks it done. */
export function trackUpload(uploadId: string, userId: string, clientId: string) {
  const set = (s: ProgressState) => {
    const now = Date.now();
    sweep(now);
    uploads.set(uploadId, { ...s, userId, clientId, at: now });
  };
  set({ phase: 'checking', processed: 0, total: 0, errors: 0 });
  const onProgress: EligibilityProgress = (p) => set(p);
  return {
    onProgress,
    finish: (total: number, errors: number) => set({ phase: 'done', processed: total, total, errors }),
  };
}

export function uploadProgress(uploadId: string, userId: string, clientId: string): ProgressState | null {
  const u = uploads.get(uploadId);
  if (!u || u.userId !== userId || u.clientId !== clientId) return null;
  return { phase: u.phase, processed: u.processed, total: u.total, errors: u.errors };
}
