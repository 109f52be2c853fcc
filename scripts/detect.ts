/**
 * `npm run detect -- [options]`: runs ring detection over the loaded graph and stores the run and its rings.
 * Exit codes: 0 done, 1 failed, 2 bad usage, 4 another detection run holds the lock.
 */
import { z } from 'zod';
import { settingSchema } from '../contracts/detection-settings.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { DEFAULT_SETTINGS } from '../server/detect/settings.ts';
import { countByKind, kindOf, type Finding } from '../server/rings/findings.ts';
import { runDetection } from '../server/runs/detection-service.ts';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';
import { progress, type Progress } from './lib/progress.ts';

const HELP = `Usage: npm run detect -- [options]

Finds suspected fraud rings: projects accounts that share identifiers into a weighted graph (crowds of more than
--max-sharers accounts are left out and reported), runs Louvain per connected component with connectivity and
resolution-limit repairs, scores each community of 3+ accounts 0–100 with reasons, keeps ring ids stable across
runs and stores everything in Neo4j. Formula and defaults: server/detect/settings.ts.

Options:
  --resolution <γ>       Louvain resolution (default ${DEFAULT_SETTINGS.resolution}; higher = smaller communities)
  --seed <n>             random seed (default ${DEFAULT_SETTINGS.seed}; same seed + same data = same rings)
  --max-sharers <n>      an identifier shared by more accounts is a crowd (default ${DEFAULT_SETTINGS.maxSharers})
  --alert-threshold <s>  score at which a ring is flagged (default ${DEFAULT_SETTINGS.alertThreshold})
  --json                 print the run summary as JSON
  -h, --help

Exit codes: 0 done, 1 failed, 2 bad usage, 4 another detection run is in progress.`;

// The bounds of the API (POST /api/detect) and of the detection code: contracts/detection-settings.ts.
const Args = z.object({
  resolution: settingSchema('resolution', { coerce: true }).optional(),
  seed: settingSchema('seed', { coerce: true }).optional(),
  'max-sharers': settingSchema('maxSharers', { coerce: true }).optional(),
  'alert-threshold': settingSchema('alertThreshold', { coerce: true }).optional(),
  json: z.boolean().default(false),
});

async function main(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    resolution: { type: 'string' },
    seed: { type: 'string' },
    'max-sharers': { type: 'string' },
    'alert-threshold': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, values);
  const db = await connect(loadConfig(), (l) => console.error(l));
  const bars = new Map<string, Progress>();
  try {
    const run = await runDetection(db, {
      settings: {
        ...(args.resolution !== undefined ? { resolution: args.resolution } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args['max-sharers'] !== undefined ? { maxSharers: args['max-sharers'] } : {}),
        ...(args['alert-threshold'] !== undefined ? { alertThreshold: args['alert-threshold'] } : {}),
      },
      onProgress: (p) => {
        if (args.json) return;
        let bar = bars.get(p.phase);
        if (!bar) {
          for (const b of bars.values()) b.stop();
          bar = progress(
            p.phase.padEnd(11),
            p.phase === 'project' ? 'groups' : p.phase === 'write' ? 'rings' : 'items',
          );
          bars.set(p.phase, bar);
        }
        bar.update(p.done, p.total);
      },
    });
    for (const b of bars.values()) b.stop();
    const r = run.result;
    const byKind = countByKind(r.rings as readonly Finding[]);
    const summary = {
      id: run.id,
      rings: r.rings.length,
      flagged: r.counts.flagged,
      byKind,
      candidates: r.counts.candidates,
      crowds: r.crowds.length,
      modularity: r.modularity,
      changes: r.diff.counts,
      timingsMs: run.timings,
    };
    if (args.json) {
      console.log(JSON.stringify(summary));
      return 0;
    }
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      [
        `Detection run ${run.id} finished in ${s(run.timings.total)}:`,
        `  ${byKind.ring.reported} rings reported, ${byKind.ring.flagged} flagged; ${byKind.pair.reported} duplicate-account pairs reported, ${byKind.pair.flagged} flagged (score ≥ ${r.settings.alertThreshold}); modularity ${r.modularity.toFixed(4)}`,
        `  changes since the last run: ${
          Object.entries(r.diff.counts)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ') || 'none'
        }`,
        `  ${r.crowds.length} crowd identifier(s) left out (more than ${r.settings.maxSharers} accounts)`,
        `  phases: projection ${s(r.timings.project)}, communities ${s(r.timings.communities)}, scoring ${s(r.timings.score)}, matching ${s(r.timings.match)}, write-back ${s(run.timings.write)}`,
        ...r.rings
          .slice(0, 5)
          .map(
            (ring) =>
              `  ${ring.id}  ${kindOf(ring)}  score ${ring.score}  ${ring.members.length} accounts — ${ring.reasons[0] ?? ''}`,
          ),
      ].join('\n'),
    );
    return 0;
  } finally {
    for (const b of bars.values()) b.stop();
    await db.close();
  }
}

runMain(() => main(process.argv.slice(2)), {
  failed: 'Detection failed',
  retryHint: 'run it again; the next finished run replaces it.',
  exitCodes: [1, 2, 4],
});
