/** report.md: the human summary of a nightly report — alerts with their reasons and links first, then the changes. */
import { escapeMarkdown as md, markdownCode as code } from './escape.ts';
import type { NightlyReport, RingChangeItem } from './report.ts';
import { alertTitle, baselineText, findingsText, pairNote, plural } from './report-text.ts';

/** Longest list shown per section; report.json always has everything. */
const MAX_ROWS = 50;
const MAX_IDS = 20;

/** A table cell: numbers as they are; text must already be Markdown (escaped where it came from data). */
function cell(text: string | number): string {
  return String(text).replace(/\s*\n\s*/g, ' ');
}

/** A link to a ring: its id is escaped as link text, its URL percent-encoded (ringUrl). */
function link(ringId: string, url: string): string {
  return `[${md(ringId)}](${url.replaceAll('(', '%28').replaceAll(')', '%29').replaceAll(' ', '%20')})`;
}

function ids(list: readonly string[], max = MAX_IDS): string {
  if (list.length === 0) return '—';
  const shown = list.slice(0, max).map(code);
  return list.length > max ? `${shown.join(', ')} … (+${list.length - max})` : shown.join(', ');
}

function table(header: string[], rows: Array<Array<string | number>>, total = rows.length): string[] {
  if (rows.length === 0) return ['_None._', ''];
  const out = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows.slice(0, MAX_ROWS)) out.push(`| ${row.map(cell).join(' | ')} |`);
  if (total > MAX_ROWS) out.push('', `… and ${total - MAX_ROWS} more in report.json.`);
  out.push('');
  return out;
}

export function webhookText(r: NightlyReport): string {
  const w = r.webhook;
  switch (w.status) {
    case 'not-configured':
      return 'not configured (ALERT_WEBHOOK_URL unset)';
    case 'nothing-to-send':
      return `configured (${md(w.target ?? '')}); nothing to send`;
    case 'delivered':
      return `delivered ${plural(w.alerts, 'alert')} to ${md(w.target ?? '')} after ${plural(w.attempts, 'attempt')}${w.truncated ? ' (more are pending: they go with the next run)' : ''}`;
    case 'failed':
      return `**FAILED** after ${plural(w.attempts, 'attempt')} to ${md(w.target ?? '')}: ${md(w.error ?? 'unknown error')} — the ${plural(w.alerts, 'alert')} stay pending and are sent with the next run`;
  }
}

export function renderMarkdown(r: NightlyReport): string {
  const c = r.counts;
  const loadedNow = r.input.files.filter((f) => f.loaded === 'this-run');
  const out: string[] = [
    `# RingLens nightly report — ${r.date}`,
    '',
    `Job ${code(r.job)} · run ${code(r.runId)} · compared with ${baselineText(r, code)}.`,
    '',
    `**${plural(c.alerts, 'alert')}**${c.suppressed ? ` (${c.suppressed} suppressed as false positives)` : ''} · ` +
      `${findingsText(c)}: ${c.new} new, ${c.grown} grown, ${c.shrunk} shrunk, ` +
      `${c.changed} changed, ${c.unchanged} unchanged; ${c.merged} merged, ${c.split} split, ${c.dissolved} dissolved.`,
    '',
    `Input: ${plural(loadedNow.length, 'file')} loaded tonight (${loadedNow.reduce((n, f) => n + f.rows, 0)} rows), ` +
      `${r.input.files.length - loadedNow.length} already loaded earlier. Webhook: ${webhookText(r)}.`,
    '',
    `## Alerts (score ≥ ${r.params.alertThreshold})`,
    '',
  ];
  if (r.alerts.length === 0) out.push('_No new alerts._', '');
  r.alerts.slice(0, MAX_ROWS).forEach((a, i) => {
    const origin = a.mergedFrom
      ? `, merged from ${ids(a.mergedFrom)}`
      : a.splitFrom
        ? `, split from ${code(a.splitFrom)}`
        : '';
    const re = a.reAlert
      ? ` Re-alert of a ring marked false positive: ${a.reAlert.growth} account(s) more than at the ${a.reAlert.since === 'last-alert' ? 'last alert' : 'previous run'} (${a.reAlert.referenceSize}).`
      : '';
    out.push(
      `### ${i + 1}. ${link(a.ringId, a.url)} — ${alertTitle(a)}, score ${a.score}, ${plural(a.size, 'account')}${origin}`,
      '',
      `${a.kind === 'new' ? 'Members' : 'Joined'}: ${ids(a.kind === 'new' ? a.members : a.joined)}.${re}`,
      '',
      ...a.reasons.map((reason) => `- ${md(reason)}`),
      '',
    );
  });
  if (r.alerts.length > MAX_ROWS) out.push(`… and ${r.alerts.length - MAX_ROWS} more alerts in report.json.`, '');

  if (r.suppressed.length) {
    out.push(
      `## Suppressed: marked false positive, grew less than the margin (≥ ${r.params.fpGrowthAccounts} accounts or > ${r.params.fpGrowthPercent} %)`,
      '',
      ...table(
        ['ring', 'score', 'accounts', 'grew by', 'since'],
        r.suppressed.map((s) => [
          `${link(s.ringId, s.url)}${pairNote(s)}`,
          s.score,
          s.size,
          `${s.growth} (of ${s.referenceSize})`,
          md(s.since),
        ]),
      ),
    );
  }

  const ringRows = (list: RingChangeItem[], extra: (x: RingChangeItem) => string) =>
    list.map((x) => [`${link(x.ringId, x.url)}${pairNote(x)}`, x.score, x.size, x.flagged ? 'yes' : 'no', extra(x)]);
  const header = (what: string) => ['ring', 'score', 'accounts', 'flagged', what];
  out.push(
    '## Changes since the previous run',
    '',
    '### New rings and pairs',
    '',
    ...table(
      header('note'),
      ringRows(r.changes.new, (x) =>
        x.splitFrom ? `split from ${code(x.splitFrom)}` : x.mergedFrom ? `merged from ${ids(x.mergedFrom)}` : '',
      ),
    ),
    '### Grown rings and pairs',
    '',
    ...table(
      header('joined'),
      ringRows(r.changes.grown, (x) => ids(x.joined)),
    ),
    '### Shrunk rings and pairs',
    '',
    ...table(
      header('left'),
      ringRows(r.changes.shrunk, (x) => ids(x.left)),
    ),
    '### Changed rings and pairs (members joined and left)',
    '',
    ...table(
      header('joined / left'),
      ringRows(r.changes.changed, (x) => `${ids(x.joined)} / ${ids(x.left)}`),
    ),
    '### Merged, split and dissolved',
    '',
    ...table(
      ['event', 'ring(s)', 'from / into'],
      [
        ...r.changes.merged.map((m) => ['merged', link(m.ringId, m.url), ids(m.mergedFrom)]),
        ...r.changes.split.map((s) => ['split', code(s.previousId), ids(s.splitInto)]),
        ...r.changes.dissolved.map((d) => ['dissolved', code(d.ringId), `${plural(d.members.length, 'account')}`]),
      ],
    ),
    '## Top rings and pairs tonight',
    '',
    ...table(
      ['#', 'ring', 'score', 'accounts', 'change', 'disposition', 'main reason'],
      r.topRings.map((t, i) => [
        i + 1,
        `${link(t.ringId, t.url)}${pairNote(t)}`,
        t.score,
        t.size,
        md(t.change),
        t.disposition ? md(t.disposition) : '—',
        md(t.reasons[0] ?? ''),
      ]),
    ),
    '## Input files',
    '',
    ...table(
      ['file', 'rows', 'rejected', 'loaded', 'sha256'],
      r.input.files.map((f) => [md(f.name), f.rows, f.rejected, md(f.loaded), code(`${f.sha256.slice(0, 12)}…`)]),
    ),
  );
  return `${out.join('\n').trimEnd()}\n`;
}
