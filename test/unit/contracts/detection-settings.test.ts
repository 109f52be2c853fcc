import { describe, expect, it } from 'vitest';
import {
  SETTING_BOUNDS,
  settingSchema,
  withinBounds,
  type TunableSetting,
} from '../../../contracts/detection-settings.ts';
import { DetectBody } from '../../../contracts/runs.ts';
import { DEFAULT_SETTINGS, validateSettings } from '../../../server/detect/settings.ts';

/** Values on, just inside and just outside each bound, and a few that are wrong in kind. */
function probes(setting: TunableSetting): number[] {
  const b = SETTING_BOUNDS[setting];
  const step = b.integer ? 1 : 0.001;
  return [b.min - step, b.min, b.min + step, (b.min + b.max) / 2, b.max - step, b.max, b.max + step, 2.5, -1, 1e12];
}

describe('the detection settings people set: one set of bounds', () => {
  it('the API, the CLI and the detection code accept exactly the same values', () => {
    for (const setting of Object.keys(SETTING_BOUNDS) as TunableSetting[]) {
      for (const value of probes(setting)) {
        const ok = withinBounds(setting, value);
        const api = DetectBody.safeParse({ [setting]: value }).success;
        const cli = settingSchema(setting, { coerce: true }).safeParse(String(value)).success;
        let code = true;
        try {
          validateSettings({ ...DEFAULT_SETTINGS, reportThreshold: 0, [setting]: value });
        } catch {
          code = false;
        }
        expect({ setting, value, api, cli, code }).toEqual({ setting, value, api: ok, cli: ok, code: ok });
      }
    }
  });

  it('takes any 32-bit seed everywhere (3000000000 used to work on the CLI and be a 400 over HTTP)', () => {
    expect(DetectBody.parse({ seed: 3_000_000_000 })).toEqual({ seed: 3_000_000_000 });
    expect(settingSchema('seed', { coerce: true }).parse('3000000000')).toBe(3_000_000_000);
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, seed: 3_000_000_000 })).not.toThrow();
    expect(DetectBody.safeParse({ seed: 2 ** 32 }).success).toBe(false);
  });

  it('refuses settings the API does not know', () => {
    expect(DetectBody.safeParse({ refineDepth: 2 }).success).toBe(false);
    expect(DetectBody.parse(undefined)).toEqual({});
  });
});
