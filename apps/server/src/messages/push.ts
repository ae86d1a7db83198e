// Web push for the installed app: placeholder until the push step is built (step 3 of the member-pharmacy work).
import type { AppDeps } from '../app-deps';

export async function pushNewMessage(_deps: AppDeps, _userId: string): Promise<number> {
  return 0;
}
