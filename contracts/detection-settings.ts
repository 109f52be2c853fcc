/**
 * The detection settings a person sets on a run, with their bounds written once: POST /api/detect (contracts/runs.ts),
 * `npm run detect` (scripts/detect.ts) and the settings validation of the detection code (server/detect/settings.ts)
 * all accept exactly these values. The other settings are for code and experiments and are checked there.
 */
import { z } from 'zod';

export interface SettingBounds {
  min: number;
  max: number;
  /** The minimum itself is not allowed (a resolution of 0 means nothing). */
  minExclusive: boolean;
  integer: boolean;
}

export const SETTING_BOUNDS = {
  /** Louvain resolution γ. */
  resolution: { min: 0, minExclusive: true, max: 10, integer: false },
  /** The random seed: only its low 32 bits count (server/detect/rng.ts). */
  seed: { min: 0, minExclusive: false, max: 2 ** 32 - 1, integer: true },
  /** An identifier shared by more accounts is a crowd; a larger one would expand into too many pairs. */
  maxSharers: { min: 2, minExclusive: false, max: 10_000, integer: true },
  alertThreshold: { min: 0, minExclusive: false, max: 100, integer: false },
} as const satisfies Record<string, SettingBounds>;

export type TunableSetting = keyof typeof SETTING_BOUNDS;

/** True when `value` is within the bounds of `setting`. */
export function withinBounds(setting: TunableSetting, value: unknown): value is number {
  const b: SettingBounds = SETTING_BOUNDS[setting];
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (b.minExclusive ? value > b.min : value >= b.min) &&
    value <= b.max &&
    (!b.integer || Number.isInteger(value))
  );
}

/** The zod schema of one setting; `coerce` for text input such as command-line options. */
export function settingSchema(setting: TunableSetting, opts: { coerce?: boolean } = {}) {
  const b: SettingBounds = SETTING_BOUNDS[setting];
  const n = opts.coerce ? z.coerce.number() : z.number();
  const whole = b.integer ? n.int() : n;
  return (b.minExclusive ? whole.gt(b.min) : whole.min(b.min)).max(b.max);
}

/** The tunable settings of one run, each optional (the defaults of server/detect/settings.ts apply). */
export const TunableSettings = z
  .object({
    resolution: settingSchema('resolution').optional(),
    seed: settingSchema('seed').optional(),
    maxSharers: settingSchema('maxSharers').optional(),
    alertThreshold: settingSchema('alertThreshold').optional(),
  })
  .strict();
export type TunableSettings = z.infer<typeof TunableSettings>;
