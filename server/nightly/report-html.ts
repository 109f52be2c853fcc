/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external resources) with the flagged-rings
 * chart over the last runs, the alerts with their reasons and links into the web app, and the changes.
 */
import { flaggedChartSvg } from './chart.ts';
import { escapeHtml as e, headerRow, htmlPage, tableRows } from '../lib/html.ts';
import { alertTitle, baselineText, findingsText, pairNote, plural } from './report-text.ts';
import type { NightlyReport, RingChangeItem } from './report.ts';

const MAX_ROWS = 100;
const MAX_IDS = 20;

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}code{font-size:.9em}.alert{border-left:4px solid #c0392b;padding:.2rem .8rem;margin:.8rem 0;background:#fdf3f2}
.muted{color:#666}.bad{color:#c0392b;font-weight:600}.ok{color:#1e7b34}`;

function ids(list: readonly string[]): string {
  if (list.length === 0) return '—';
  const shown = list
    .slice(0, MAX_IDS)
    .map((id) => `<code>${e(id)}</code>`)
    .join(', ');
  return list.length > MAX_IDS ? `${shown} … (+${list.length - MAX_IDS})` : shown;
}

function link(id: string, url: string): string {
  return `<a href="${e(url)}"><code>${e(id)}</code></a>`;
}

function table(header: string[], rows: string[][], total = rows.length): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const head = headerRow(header);
  const body = tableRows(rows.slice(0, MAX_ROWS));
  const more = total > MAX_ROWS ? `<p class="muted">… and ${total - MAX_ROWS} more in report.json.</p>` : '';
  return `<table>${head}${body}</table>${more}`;
}

function webhook(r: NightlyReport): string {
  const w = r.webhook;
  if (w.status === 'not-configured') return '<span class="muted">not configured</span>';
  if (w.status === 'nothing-to-send') return `configured (${e(w.target ?? '')}), nothing to send`;
  if (w.status === 'delivered') {
    const more = w.truncated ? ' — more are pending: they go with the next run' : '';
    return `<span class="ok">delivered</span> ${plural(w.alerts, 'alert')} to ${e(w.target ?? '')} (${plural(w.attempts, 'attempt')})${more}`;
  }
  return `<span class="bad">FAILED</span> after ${plural(w.attempts, 'attempt')} to ${e(w.target ?? '')}: ${e(w.error ?? '')} — the alerts stay pending for the next run`;
}

function ringRows(list: RingChangeItem[], extra: (x: RingChangeItem) => string): string[][] {
  return list.map((x) => [
    link(x.ringId, x.url) + pairNote(x),
    String(x.score),
    String(x.size),
    x.flagged ? 'yes' : 'no',
    extra(x),
  ]);
}

export function renderHtml(r: NightlyReport): string {
  const c = r.counts;
  const alerts = r.alerts
    .slice(0, MAX_ROWS)
    .map((a) => {
      const origin = a.mergedFrom
        ? ` · merged from ${ids(a.mergedFrom)}`
        : a.splitFrom
          ? ` · split from <code>${e(a.splitFrom)}</code>`
          : '';
      const re = a.reAlert
        ? `<p>Re-alert of a ring marked false positive: ${a.reAlert.growth} account(s) more than at the ${a.reAlert.since === 'last-alert' ? 'last alert' : 'previous run'} (${a.reAlert.referenceSize}).</p>`
        : '';
      return `<div class="alert"><h3>${link(a.ringId, a.url)} — ${e(alertTitle(a))}, score ${a.score}, ${plural(a.size, 'account')}${origin}</h3>
<p>${a.kind === 'new' ? 'Members' : 'Joined'}: ${ids(a.kind === 'new' ? a.members : a.joined)}</p>${re}
<ul>${a.reasons.map((reason) => `<li>${e(reason)}</li>`).join('')}</ul></div>`;
    })
    .join('\n');
  const header = (what: string) => ['ring', 'score', 'accounts', 'flagged', what];
  const sections = [
    `<h1>RingLens nightly report — ${e(r.date)}</h1>`,
    `<p class="muted">Job <code>${e(r.job)}</code> · run <code>${e(r.runId)}</code> · compared with ${baselineText(r, (id) => `<code>${e(id)}</code>`)} · generated ${e(r.meta.generatedAt)}</p>`,
    `<p><strong class="${c.alerts ? 'bad' : 'ok'}">${plural(c.alerts, 'alert')}</strong>${c.suppressed ? ` (${c.suppressed} suppressed as false positives)` : ''} · ${findingsText(c)}: ${c.new} new, ${c.grown} grown, ${c.shrunk} shrunk, ${c.changed} changed, ${c.unchanged} unchanged; ${c.merged} merged, ${c.split} split, ${c.dissolved} dissolved.</p>`,
    `<p>Webhook: ${webhook(r)}</p>`,
    `<h2>Flagged rings and pairs, last ${plural(r.history.length, 'run')}</h2>`,
    flaggedChartSvg(r.history),
    `<h2>Alerts (score ≥ ${r.params.alertThreshold})</h2>`,
    alerts || '<p class="muted">No new alerts.</p>',
    r.suppressed.length
      ? `<h2>Suppressed false positives</h2>${table(
          ['ring', 'score', 'accounts', 'grew by', 'since'],
          r.suppressed.map((s) => [
            link(s.ringId, s.url) + pairNote(s),
            String(s.score),
            String(s.size),
            `${s.growth} (of ${s.referenceSize})`,
            e(s.since),
          ]),
        )}`
      : '',
    '<h2>Changes since the previous run</h2>',
    '<h3>New rings and pairs</h3>',
    table(
      header('note'),
      ringRows(r.changes.new, (x) =>
        x.splitFrom
          ? `split from <code>${e(x.splitFrom)}</code>`
          : x.mergedFrom
            ? `merged from ${ids(x.mergedFrom)}`
            : '',
      ),
      r.changes.new.length,
    ),
    '<h3>Grown rings and pairs</h3>',
    table(
      header('joined'),
      ringRows(r.changes.grown, (x) => ids(x.joined)),
      r.changes.grown.length,
    ),
    '<h3>Shrunk rings and pairs</h3>',
    table(
      header('left'),
      ringRows(r.changes.shrunk, (x) => ids(x.left)),
      r.changes.shrunk.length,
    ),
    '<h3>Changed rings and pairs</h3>',
    table(
      header('joined / left'),
      ringRows(r.changes.changed, (x) => `${ids(x.joined)} / ${ids(x.left)}`),
      r.changes.changed.length,
    ),
    '<h3>Merged, split and dissolved</h3>',
    table(
      ['event', 'ring(s)', 'from / into'],
      [
        ...r.changes.merged.map((m) => ['merged', link(m.ringId, m.url), ids(m.mergedFrom)]),
        ...r.changes.split.map((s) => ['split', `<code>${e(s.previousId)}</code>`, ids(s.splitInto)]),
        ...r.changes.dissolved.map((d) => [
          'dissolved',
          `<code>${e(d.ringId)}</code>`,
          plural(d.members.length, 'account'),
        ]),
      ],
    ),
    '<h2>Top rings and pairs tonight</h2>',
    table(
      ['#', 'ring', 'score', 'accounts', 'change', 'disposition', 'main reason'],
      r.topRings.map((t, i) => [
        String(i + 1),
        link(t.ringId, t.url) + pairNote(t),
        String(t.score),
        String(t.size),
        e(t.change),
        e(t.disposition ?? '—'),
        e(t.reasons[0] ?? ''),
      ]),
    ),
    '<h2>Input files</h2>',
    table(
      ['file', 'rows', 'rejected', 'loaded', 'sha256'],
      r.input.files.map((f) => [
        e(f.name),
        String(f.rows),
        String(f.rejected),
        e(f.loaded),
        `<code>${e(f.sha256.slice(0, 12))}…</code>`,
      ]),
    ),
  ];
  return htmlPage(`RingLens nightly report ${r.date}`, STYLE, sections.filter(Boolean).join('\n'));
}
