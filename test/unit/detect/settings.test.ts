import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  InvalidSettingsError,
  maxSharersFor,
  resolveSettings,
  validateSettings,
  type DetectionSettings,
} from '../../../server/detect/settings.ts';

function invalid(patch: Partial<DetectionSettings>): () => void {
  return () => validateSettings({ ...DEFAULT_SETTINGS, ...patch });
}

describe('detection settings', () => {
  it('accepts the defaults', () => {
    expect(() => validateSettings(DEFAULT_SETTINGS)).not.toThrow();
    expect(resolveSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('ranks identifier kinds from device and card down to IP', () => {
    const w = DEFAULT_SETTINGS.kindWeights;
    expect(w.device).toBe(w.payment);
    expect(Math.min(w.device, w.payment)).toBeGreaterThan(Math.max(w.email, w.phone));
    expect(Math.min(w.email, w.phone)).toBeGreaterThan(w.address);
    expect(w.address).toBeGreaterThan(w.ip);
  });

  it('merges partial nested settings over the defaults', () => {
    const settings = resolveSettings({
      kindWeights: { ip: 0.3 },
      maxSharersByKind: { ip: 20 },
      scoreWeights: { identifierPoints: { device: 12 } },
    });
    expect(settings.kindWeights).toEqual({ ...DEFAULT_SETTINGS.kindWeights, ip: 0.3 });
    expect(settings.scoreWeights.identifierPoints.device).toBe(12);
    expect(settings.scoreWeights.identifierPoints.payment).toBe(DEFAULT_SETTINGS.scoreWeights.identifierPoints.payment);
    expect(maxSharersFor(settings, 'ip')).toBe(20);
    expect(maxSharersFor(settings, 'device')).toBe(DEFAULT_SETTINGS.maxSharers);
  });

  it('throws a sentence naming the bad field', () => {
    expect(invalid({ resolution: 0 })).toThrow(/"resolution" must be a number/);
    expect(invalid({ maxSharers: 1.5 })).toThrow(/"maxSharers" must be an integer between 2 and 10000; got 1.5\./);
    expect(invalid({ seed: -1 })).toThrow(/"seed" must be an integer between 0 and 4294967295; got -1\./);
    expect(invalid({ resolution: 11 })).toThrow(/"resolution" must be a number > 0 and ≤ 10; got 11\./);
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, seed: 3_000_000_000 })).not.toThrow();
    expect(invalid({ matchThreshold: 2 })).toThrow(/"matchThreshold"/);
    expect(invalid({ kindWeights: { ...DEFAULT_SETTINGS.kindWeights, ip: -1 } })).toThrow(/"kindWeights\.ip"/);
    expect(invalid({ paymentEdges: 'always' as never })).toThrow(
      /"paymentEdges" must be "reinforce", "triangle" or "link"/,
    );
    expect(invalid({ reportThreshold: 60 })).toThrow(/"reportThreshold" must be a number between 0 and 50/);
    expect(() => resolveSettings({ maxSharersByKind: { fax: 10 } as never })).toThrow(/"maxSharersByKind\.fax"/);
    expect(invalid({ pivotKinds: ['fax'] as never })).toThrow(/"pivotKinds" must be a list of identifier kinds/);
    expect(invalid({ pivotMinPeers: 1.5 })).toThrow(/"pivotMinPeers"/);
    expect(invalid({ funnel: { ...DEFAULT_SETTINGS.funnel, regularTransfers: 2.5 } })).toThrow(
      /"funnel\.regularTransfers" must be an integer/,
    );
    expect(invalid({ funnel: { ...DEFAULT_SETTINGS.funnel, regularTransfers: -1 } })).toThrow(
      /"funnel\.regularTransfers"/,
    );
    expect(invalid({ takeover: { ...DEFAULT_SETTINGS.takeover, sittingHours: -1 } })).toThrow(
      /"takeover\.sittingHours"/,
    );
    expect(() => resolveSettings({ scoreWeights: { crowdedKinds: ['ip', 'fax'] as never } })).toThrow(
      /"scoreWeights\.crowdedKinds"/,
    );
    try {
      resolveSettings({ scoreWeights: { burstPoints: Number.NaN } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSettingsError);
      expect((error as InvalidSettingsError).field).toBe('scoreWeights.burstPoints');
    }
  });
});
