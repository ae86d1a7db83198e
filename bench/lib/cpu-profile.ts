// Where a target's CPU went: a V8 .cpuprofile (node --cpu-prof) summed by self time per npm package or
// source file, so a benchmark can print "the top five costs" next to its figure.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package (node_modules/<pkg>), repository file (apps/…, packages/…) or V8 category a frame belongs to. */
export function ownerOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  if (!url) return `(${frame.functionName || 'native'})`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  const repo = url.match(/\/((?:apps|packages|bench)\/.+)$/);
  if (repo) return repo[1] as string;
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}

export interface CostLine {
  owner: string;
  pct: number;
}

/** Self time by owner, biggest first; idle time (the event loop waiting) is left out of the total. */
export function summarizeProfile(file: string, top = 5): CostLine[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    busy += dt;
    const owner = ownerOf(node.callFrame);
    totals.set(owner, (totals.get(owner) ?? 0) + dt);
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([owner, t]) => ({ owner, pct: busy > 0 ? (100 * t) / busy : 0 }));
}

export const formatCosts = (costs: CostLine[]) =>
  costs.map((c) => `${c.owner} ${c.pct.toFixed(1)}%`).join(', ');
