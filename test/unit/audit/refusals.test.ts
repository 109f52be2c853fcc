import { describe, expect, it } from 'vitest';
import { RefusalAudit } from '../../../server/audit/refusals.ts';
import type { AuditLog } from '../../../server/audit/service.ts';

type Recorded = Parameters<AuditLog['record']>[0];

function fakeLog(): { log: AuditLog; events: Recorded[] } {
  const events: Recorded[] = [];
  const log = { record: async (e: Recorded) => (events.push(e), 'id') } as unknown as AuditLog;
  return { log, events };
}

const refusal = (actor: string, code = 'forbidden', status = 403) => ({
  actor,
  ip: '192.0.2.1',
  status,
  code,
  route: 'POST /api/ingest',
});

describe('refusal audit: complete and bounded', () => {
  it('writes one event per actor, address, status and code per window, with the count', async () => {
    let t = 1_000_000;
    const { log, events } = fakeLog();
    const audit = new RefusalAudit(log, { windowMs: 60_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 2600; i++) audit.note(refusal('viewer'));
    audit.note(refusal('viewer', 'csrf_failed'));
    expect(events).toHaveLength(0); // nothing written while the window is open
    t += 60_000; // the next window: the previous one is written
    audit.note(refusal('viewer'));
    await audit.flush();
    expect(events.map((e) => [e.actor, e.action, (e.details as { code: string; count: number }).count])).toEqual([
      ['viewer', 'access.refused', 2600],
      ['viewer', 'access.refused', 1],
      ['viewer', 'access.refused', 1],
    ]);
    expect(events[0]).toMatchObject({
      ip: '192.0.2.1',
      outcome: 'denied',
      objectId: 'POST /api/ingest',
      details: { status: 403, from: new Date(960_000).toISOString(), until: new Date(1_020_000).toISOString() },
    });
  });

  it('sums the keys past maxKeys into one `*` event: at most maxKeys + 1 events a window, every refusal counted', async () => {
    const { log, events } = fakeLog();
    const audit = new RefusalAudit(log, { windowMs: 60_000, maxKeys: 10, now: () => 5 });
    for (let i = 0; i < 1000; i++) audit.note(refusal(`user-${i}`, 'unauthenticated', 401));
    await audit.flush();
    expect(events).toHaveLength(11);
    const counts = events.map((e) => (e.details as { count: number }).count);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(events.at(-1)).toMatchObject({ actor: '*', details: { count: 990 } });
  });
});
