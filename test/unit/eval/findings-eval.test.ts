import { describe, expect, it } from 'vitest';
import { combineEvaluations, evaluateFindings, ratios, type Finding } from '../../../server/eval/findings-eval.ts';
import { findingsOf } from '../../../server/eval/detection-findings.ts';
import { buildReport, reportMarkdown } from '../../../server/eval/report.ts';
import { readTruth, TruthFormatError, type EvalTruth } from '../../../server/eval/truth.ts';

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const truth: EvalTruth = {
  generator: 'hand-made',
  seed: 1,
  accounts: 100,
  groups: [
    { id: 'g1', typology: 'chain', kind: 'ring', members: range('a', 6) },
    { id: 'g2', typology: 'device_farm', kind: 'ring', members: range('b', 4) },
    { id: 'g3', typology: 'duplicate_pair', kind: 'pair', members: ['p1', 'p2'] },
    { id: 'g4', typology: 'duplicate_pair', kind: 'pair', members: ['q1', 'q2'] },
  ],
  confounders: [
    { id: 'h1', kind: 'household', members: ['h1', 'h2', 'h3'] },
    { id: 'c1', kind: 'carrier_nat', members: range('n', 10) },
  ],
};

const f = (id: string, members: string[], score: number, flagged: boolean, kind?: 'ring' | 'pair'): Finding => ({
  id,
  members,
  score,
  flagged,
  ...(kind ? { kind } : {}),
});

const findings: Finding[] = [
  f('F1', ['a1', 'a2', 'a3', 'a4'], 80, true), // J 4/6 with the chain: true
  f('F2', ['a5', 'a6', 'x1'], 60, true), // J 2/7: a fragment of the chain
  f('F3', ['p1', 'p2'], 55, true, 'pair'), // the duplicate pair, exactly
  f('F4', ['h1', 'h2', 'h3'], 70, true), // the household: a confounder flag
  f('F5', ['n1', 'n2', 'z1'], 52, true), // two thirds on one carrier IP: a confounder flag
  f('F6', ['b1', 'b2', 'b3'], 45, false), // matches the farm (J 3/4) but is not flagged
  f('F7', ['y1', 'y2', 'y3'], 90, true), // overlaps nothing: a false flag
  f('F8', ['q1', 'r1'], 50, true, 'pair'), // J 1/3 with the second pair: a fragment of it
];

describe('evaluateFindings', () => {
  const e = evaluateFindings(truth, findings);
  const r = ratios(e);

  it('counts a planted group found only when a flagged finding of either kind has Jaccard ≥ 0.5 with it', () => {
    expect(e.planted).toBe(4);
    expect(e.found).toBe(2);
    expect(r.recall).toBe(0.5);
    expect(e.missed.map((m) => m.id)).toEqual(['g2', 'g4']);
    expect(e.missed.find((m) => m.id === 'g4')!.bestJaccard).toBeCloseTo(1 / 3, 3);
  });

  it('classifies every flagged finding once: true, fragment, confounder or false', () => {
    expect(e.flagged).toBe(7);
    expect([e.trueFlags, e.fragments, e.confounderFlags, e.falseFlags]).toEqual([2, 2, 2, 1]);
    expect(r.precision).toBeCloseTo(2 / 7, 10);
    expect(Object.fromEntries(e.wrongFlags.map((w) => [w.id, w.class]))).toEqual({
      F2: 'fragment',
      F4: 'confounder',
      F5: 'confounder',
      F7: 'false',
      F8: 'fragment',
    });
    expect(e.byKind).toEqual({ ring: { flagged: 5, trueFlags: 1 }, pair: { flagged: 2, trueFlags: 1 } });
  });

  it('attributes fragments to the typology they came from and computes precision per typology', () => {
    expect(e.perTypology.chain).toMatchObject({ planted: 1, found: 1, flagged: 2, trueFlags: 1 });
    expect(r.perTypology.chain!.precision).toBe(0.5);
    expect(r.perTypology.chain!.accountPrecision).toBeCloseTo(6 / 7, 10);
    expect(e.perTypology.duplicate_pair).toMatchObject({ planted: 2, found: 1, flagged: 2, trueFlags: 1 });
    expect(r.perTypology.duplicate_pair!.accountPrecision).toBe(0.75);
    expect(e.perTypology.device_farm).toMatchObject({ planted: 1, found: 0, flagged: 0 });
    expect(r.perTypology.device_farm).toEqual({ recall: 0, precision: 1, accountPrecision: 1 });
  });

  it('reports account-level precision over distinct flagged accounts', () => {
    expect(e.flaggedAccounts).toBe(20);
    expect(e.fraudAccountsFlagged).toBe(9);
    expect(r.accountPrecision).toBeCloseTo(9 / 20, 10);
  });

  it('counts confounder groups that a flagged finding mostly covers, by kind', () => {
    expect(e.confounders).toEqual({ household: { groups: 1, flagged: 1 }, carrier_nat: { groups: 1, flagged: 1 } });
  });

  it('calibrates precision and recall at every score threshold over all findings, flagged or not', () => {
    expect(e.calibration.map((c) => [c.threshold, c.findings, c.trueFindings, c.found])).toEqual([
      [30, 8, 3, 3],
      [40, 8, 3, 3],
      [50, 7, 2, 2],
      [60, 4, 1, 1],
      [70, 3, 1, 1],
      [80, 2, 1, 1],
      [90, 1, 0, 0],
      [100, 0, 0, 0],
    ]);
    expect(r.calibration[0]).toEqual({ threshold: 30, precision: 3 / 8, recall: 3 / 4 });
    expect(r.calibration.at(-1)).toEqual({ threshold: 100, precision: 1, recall: 0 });
  });

  it('adds datasets up by counts, so two copies give the same ratios and double counts', () => {
    const both = combineEvaluations([e, e]);
    expect([both.planted, both.found, both.flagged, both.trueFlags]).toEqual([8, 4, 14, 4]);
    expect(both.perTypology.chain).toMatchObject({ planted: 2, found: 2, flagged: 4, trueFlags: 2 });
    expect(both.confounders.household).toEqual({ groups: 2, flagged: 2 });
    expect(both.calibration[2]).toEqual({ threshold: 50, findings: 14, trueFindings: 4, found: 4 });
    expect(ratios(both).precision).toBeCloseTo(r.precision, 10);
  });

  it('gives perfect figures when findings are exactly the planted groups', () => {
    const perfect = evaluateFindings(
      truth,
      truth.groups.map((g, i) => f(`P${i}`, g.members, 90, true, g.kind)),
    );
    expect(ratios(perfect)).toMatchObject({ recall: 1, precision: 1, accountPrecision: 1 });
    expect(perfect.confounderFlags + perfect.fragments + perfect.falseFlags).toBe(0);
  });
});

describe('readTruth', () => {
  it('reads the marketplace format, taking typology (or the pattern) and resolving crowds from IP holders', () => {
    const t = readTruth(
      {
        seed: 3,
        accounts: 10,
        rings: [
          { id: 'r1', pattern: 'collusion', typology: 'collusion_mesh', members: ['a', 'b', 'c'] },
          { id: 'r2', pattern: 'ip_rotation', members: ['d', 'e', 'f'] },
        ],
        households: [['g', 'h'], ['i']],
        crowds: [{ kind: 'carrier_nat', value: '::ffff:100.64.0.1', members: 2 }],
      },
      new Map([['100.64.0.1', ['j', 'k']]]),
    );
    expect(t.generator).toBe('marketplace');
    expect(t.groups.map((g) => g.typology)).toEqual(['collusion_mesh', 'ip_rotation']);
    expect(t.confounders).toEqual([
      { id: 'household-1', kind: 'household', members: ['g', 'h'] },
      { id: 'carrier_nat-1', kind: 'carrier_nat', members: ['j', 'k'] },
    ]);
  });

  it('reads the catalogue format as it is and refuses anything else', () => {
    const t = readTruth({
      generator: 'catalogue',
      version: 1,
      seed: 1,
      accounts: 5,
      groups: [{ id: 'duplicate_pair-001', typology: 'duplicate_pair', kind: 'pair', members: ['a', 'b'], shared: [] }],
      confounders: [{ id: 'vpn_exit-0001', kind: 'vpn_exit', members: ['c', 'd'], values: [] }],
    });
    expect(t.groups[0]).toEqual({
      id: 'duplicate_pair-001',
      typology: 'duplicate_pair',
      kind: 'pair',
      members: ['a', 'b'],
    });
    expect(() => readTruth({ rings: 'none' })).toThrow(TruthFormatError);
  });
});

describe('findingsOf', () => {
  const ring = { id: 'r1', members: ['a', 'b', 'c'], score: 60, flagged: true, reasons: ['x'] };

  it('takes rings without a kind as rings, and pairs from the rings list or a pairs list', () => {
    const findings = findingsOf({
      rings: [ring, { id: 'p1', kind: 'pair', members: ['d', 'e'], score: 55, flagged: true }],
      pairs: [{ id: 'p2', members: ['f', 'g'], score: 40, flagged: false }],
    });
    expect(findings.map((f) => [f.id, f.kind])).toEqual([
      ['r1', 'ring'],
      ['p1', 'pair'],
      ['p2', 'pair'],
    ]);
    expect(findings[0]).toEqual({ id: 'r1', kind: 'ring', members: ['a', 'b', 'c'], score: 60, flagged: true });
  });

  it('fails loudly when the detection result has another shape', () => {
    expect(() => findingsOf({ rings: [{ id: 'r1', members: 'a,b', score: 1, flagged: true }] })).toThrow();
  });
});

describe('buildReport', () => {
  it('summarises only the generators that have finished datasets, so a report can be written after each one', () => {
    const evaluation = evaluateFindings(truth, findings);
    const dataset = { generator: 'catalogue', seed: 1, accounts: 100, findings: 8, detectSeconds: 1, evaluation };
    const meta = { command: 'x', mode: 'offline' as const, accounts: 100, seeds: [1], settings: {} };
    const partial = buildReport([dataset], { ...meta, generators: ['marketplace', 'catalogue'] });
    expect(Object.keys(partial.summary)).toEqual(['catalogue']);
    expect(reportMarkdown(partial)).toContain('| chain | 1 | 1 | 100.0 | 2 | 1 | 50.0 | 85.7 |');
    const both = buildReport([dataset, { ...dataset, generator: 'marketplace' }], {
      ...meta,
      generators: ['marketplace', 'catalogue'],
    });
    expect(Object.keys(both.summary)).toEqual(['marketplace', 'catalogue', 'all']);
    expect(both.summary.all!.planted).toBe(8);
  });
});
