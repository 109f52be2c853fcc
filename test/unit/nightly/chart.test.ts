import { describe, expect, it } from 'vitest';
import { CHART, flaggedChartSvg, niceCeiling } from '../../../server/nightly/chart.ts';

function bars(svg: string) {
  return [
    ...svg.matchAll(/<rect class="bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\w+)"/g),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]), fill: m[5] }));
}

describe('flaggedChartSvg', () => {
  it('draws one bar per run, heights proportional to flagged rings on a round axis', () => {
    const svg = flaggedChartSvg([
      { date: '2026-07-01', flagged: 10, alerts: 0 },
      { date: '2026-07-02', flagged: 5, alerts: 2 },
      { date: '2026-07-03', flagged: 0, alerts: 0 },
    ]);
    const b = bars(svg);
    expect(b).toHaveLength(3);
    const plot = CHART.height - CHART.top - CHART.bottom;
    expect(b[0]!.height).toBeCloseTo(plot, 0); // 10 of an axis ending at 10
    expect(b[1]!.height).toBeCloseTo(plot / 2, 0);
    expect(b[2]!.height).toBe(0);
    expect(b.map((x) => x.fill)).toEqual(['#2c7fb8', '#c0392b', '#2c7fb8']); // red: a run with alerts
    expect(b[0]!.x).toBeLessThan(b[1]!.x);
    // Bars stand on the axis.
    for (const x of b) expect(x.y + x.height).toBeCloseTo(CHART.top + plot, 0);
    expect(svg).toContain('<title>2026-07-02: 5 flagged, 2 alerts</title>');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img"/);
  });

  it('fits 30 runs inside the plot and labels only some dates', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10),
      flagged: i * 7,
      alerts: i % 5 === 0 ? 1 : 0,
    }));
    const svg = flaggedChartSvg(points);
    const b = bars(svg);
    expect(b).toHaveLength(30);
    expect(Math.min(...b.map((x) => x.x))).toBeGreaterThanOrEqual(CHART.left);
    expect(Math.max(...b.map((x) => x.x + x.width))).toBeLessThanOrEqual(CHART.width - CHART.right);
    const labels = [...svg.matchAll(/>(\d\d-\d\d)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeLessThanOrEqual(9);
    expect(labels.at(-1)).toBe('06-30');
  });

  it('says so when there are no runs, and escapes what it prints', () => {
    expect(flaggedChartSvg([])).toContain('No runs yet');
    expect(flaggedChartSvg([], 'a <b> & "c"')).toContain('aria-label="a &lt;b&gt; &amp; &quot;c&quot;"');
  });

  it('niceCeiling rounds up to 1, 2 or 5 × 10^k', () => {
    expect([0, 1, 3, 7, 10, 11, 47, 230].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 50, 500]);
  });
});
