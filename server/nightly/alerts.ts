/**
 * Which changes become alerts. Pure: rings, their changes and dispositions in; alerts and suppressed rings out.
 *
 * - A **new** ring scoring at least the threshold alerts, except a piece split off a previous ring with no account
 *   from outside it (evidence pulled a known ring apart: nothing new to look at). A ring formed by a merge alerts.
 * - A **grown** ring (status grown, or changed with at least one account joining) scoring at least the threshold
 *   alerts.
 * - A ring an investigator marked **false_positive** re-alerts only when it grew by the margin since it last alerted
 *   (or, if it never alerted, since the previous nightly run): at least `fpGrowthAccounts` accounts joined, or the
 *   newcomers are more than `fpGrowthPercent` % of the size it had then. Otherwise it is listed as suppressed.
 *
 * Duplicate-account pairs follow the same rules as rings; every alert says which it is (`ringKind`).
 */
import { kindOf, type RingKind } from '../rings/findings.ts';
import type { RingChangeEntry } from './changes.ts';

export interface AlertRules {
  threshold: number;
  fpGrowthPercent: number;
  fpGrowthAccounts: number;
}

export type AlertKind = 'new' | 'grown';

export interface RingForAlert {
  id: string;
  /** Ring or duplicate-account pair; a ring when missing. */
  kind?: RingKind;
  score: number;
  members: readonly string[];
  reasons: readonly string[];
  change: RingChangeEntry;
  /** The investigator's disposition (Ring.status): new, under_review, confirmed_fraud, false_positive, … */
  disposition: string | null;
}

export interface ReAlert {
  /** Accounts in the ring now that were not in it at the reference point. */
  growth: number;
  /** Size of the ring at the reference point. */
  referenceSize: number;
  since: 'last-alert' | 'previous-run';
}

export interface Alert {
  ringId: string;
  /** Whether the finding is a ring or a duplicate-account pair. */
  ringKind: RingKind;
  kind: AlertKind;
  score: number;
  size: number;
  /** Accounts that joined since the previous run (every member for a new ring). */
  joined: string[];
  members: string[];
  reasons: string[];
  disposition: string | null;
  mergedFrom?: string[];
  splitFrom?: string;
  /** Set when a false-positive ring re-alerts: why it passed the margin. */
  reAlert?: ReAlert;
}

export interface Suppressed {
  ringId: string;
  ringKind: RingKind;
  kind: AlertKind;
  score: number;
  size: number;
  joined: string[];
  disposition: string;
  growth: number;
  referenceSize: number;
  since: ReAlert['since'];
}

/** Members the ring had when it last alerted, by ring id (alerts of earlier nightly runs of the same job). */
export type AlertReferences = ReadonlyMap<string, readonly string[]>;

export function alertKind(ring: RingForAlert): AlertKind | undefined {
  const c = ring.change;
  if (c.status === 'new') return c.splitFrom && c.newcomers.length === 0 ? undefined : 'new';
  if ((c.status === 'grown' || c.status === 'changed') && c.joined.length > 0) return 'grown';
  return undefined;
}

/** How much a ring grew since its reference point, and whether that passes the false-positive margin. */
export function falsePositiveGrowth(
  ring: RingForAlert,
  rules: AlertRules,
  references: AlertReferences,
): ReAlert & { passes: boolean } {
  const reference = references.get(ring.id);
  let growth: number;
  let referenceSize: number;
  let since: ReAlert['since'];
  if (reference) {
    const before = new Set(reference);
    growth = new Set(ring.members.filter((m) => !before.has(m))).size;
    referenceSize = before.size;
    since = 'last-alert';
  } else {
    growth = ring.change.status === 'new' ? ring.change.newcomers.length : ring.change.joined.length;
    referenceSize = ring.change.previousSize;
    since = 'previous-run';
  }
  const passes =
    growth > 0 &&
    (growth >= rules.fpGrowthAccounts || referenceSize === 0 || growth / referenceSize > rules.fpGrowthPercent / 100);
  return { growth, referenceSize, since, passes };
}

export function evaluateAlerts(
  rings: readonly RingForAlert[],
  rules: AlertRules,
  references: AlertReferences = new Map(),
): { alerts: Alert[]; suppressed: Suppressed[] } {
  const alerts: Alert[] = [];
  const suppressed: Suppressed[] = [];
  for (const ring of rings) {
    if (ring.score < rules.threshold) continue;
    const kind = alertKind(ring);
    if (!kind) continue;
    const c = ring.change;
    const base = {
      ringId: ring.id,
      ringKind: kindOf(ring),
      kind,
      score: ring.score,
      size: ring.members.length,
      joined: [...c.joined],
    };
    let reAlert: ReAlert | undefined;
    if (ring.disposition === 'false_positive') {
      const { passes, ...growth } = falsePositiveGrowth(ring, rules, references);
      if (!passes) {
        suppressed.push({ ...base, disposition: ring.disposition, ...growth });
        continue;
      }
      reAlert = growth;
    }
    alerts.push({
      ...base,
      members: [...ring.members].sort(),
      reasons: [...ring.reasons],
      disposition: ring.disposition,
      ...(c.mergedFrom ? { mergedFrom: c.mergedFrom } : {}),
      ...(c.splitFrom ? { splitFrom: c.splitFrom } : {}),
      ...(reAlert ? { reAlert } : {}),
    });
  }
  return { alerts: sortAlerts(alerts), suppressed: sortAlerts(suppressed) };
}

/** Highest score first, then by ring id: the order of every alert list in reports and webhooks. */
export function sortAlerts<T extends { score: number; ringId: string }>(list: T[]): T[] {
  return list.sort((a, b) => b.score - a.score || (a.ringId < b.ringId ? -1 : a.ringId > b.ringId ? 1 : 0));
}
