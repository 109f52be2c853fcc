/**
 * The evidence report: one self-contained HTML page (inline CSS and SVG, no scripts, no external requests) that
 * prints cleanly to PDF — summary, score and reasons, members, shared identifiers with rarity, annotation timeline,
 * the graph picture, the detection run and its parameters, and who exported it when.
 */
import { escapeHtml as esc, headerRow, htmlPage, tableRows as rows } from '../lib/html.ts';
import { kindNoun } from '../rings/findings.ts';
import { DISPOSITION_TEXT } from '../../contracts/vocabulary.ts';
import { markdownToHtml } from '../lib/markdown-html.ts';
import { drawPicture, toSvg } from './picture.ts';
import type { RingEvidence } from './ring-evidence.ts';

export interface ExportContext {
  exportedBy: string;
  exportedAt: string;
  ringlensVersion: string;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.meta{color:#555}.score{font-size:2.4rem;font-weight:700}.flag{color:#a00000;font-weight:700}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.num{text-align:right;white-space:nowrap}.breakdown{width:auto}tr{break-inside:avoid}.fraud{color:#a00000;font-weight:600}
figure{margin:0 0 1rem;text-align:center;break-inside:avoid}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:12px}td p,td ul,td ol,td pre{margin:0 0 .3rem}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem;font-size:11px}
.superseded{color:#777;text-decoration:line-through}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
`;

/** An annotation's text: a Markdown note as safe HTML (escaped first, server/lib/markdown-html.ts), the rest escaped. */
function annotationText(a: RingEvidence['annotations'][number]): string {
  if (a.kind === 'note' && a.format === 'markdown') return markdownToHtml(a.body ?? '');
  return esc(
    a.kind === 'disposition'
      ? `${dispositionText(a.previousDisposition)} → ${dispositionText(a.disposition)}${a.assignee ? ` (assignee ${a.assignee})` : ''}${a.body ? `: ${a.body}` : ''}`
      : a.kind === 'tags'
        ? (a.tags ?? []).join(', ')
        : (a.body ?? ''),
  );
}

/** "01 Jun 2026" for epoch milliseconds. */
const day = (ms: number) => readableTime(new Date(ms).toISOString()).replace(/, \d\d:\d\d UTC$/, '');

/** Each saved view as drawn in the app: its nodes at their saved positions, hidden ones left out, groups, window. */
function savedViews(e: RingEvidence): string {
  if (!e.views.length) {
    return '<p class="meta">No saved views. Save the canvas from the graph toolbar to keep a view with the case.</p>';
  }
  const figures = e.views.map((v) => {
    const counts = [`${v.nodes.length} nodes`];
    if (v.hidden) counts.push(`${v.hidden} hidden`);
    if (v.gone) counts.push(`${v.gone} gone since`);
    if (v.window) counts.push(`only ${day(v.window.from)} – ${day(v.window.to)} (the rest faded)`);
    return `<figure class="view" data-view-id="${esc(v.id)}">${drawPicture({
      title: v.name,
      subtitle: `${v.title ? `${v.title} · ` : ''}saved by ${v.author} on ${readableTime(v.at)} · ${counts.join(', ')}`,
      nodes: v.nodes,
      edges: v.edges,
      positions: v.positions,
    })}<figcaption>Saved view “${esc(v.name)}” (#/views/${esc(v.id)})</figcaption></figure>`;
  });
  const more = e.moreViews ? `<p class="meta">${e.moreViews} older saved views are not drawn here.</p>` : '';
  return figures.join('\n') + more;
}

/** Identifiers members share that detection did not count (too common, placeholders): named, not drawn. */
function leftOut(e: RingEvidence): string {
  if (!e.leftOut.length) return '';
  const items = e.leftOut.map(
    (i) => `<li>${esc(i.kind)} ${esc(i.display ?? i.key)}: ${i.members} members, ${i.sharers} accounts overall</li>`,
  );
  return `<p class="meta">Also shared by members but not counted by detection (used by too many accounts, or a placeholder value), so not drawn, as in the app:</p><ul class="meta">${items.join('')}</ul>`;
}

/** Why it scored: each reason with its points and the total when they are known, else the reasons alone. */
function whyItScored(r: RingEvidence['ring']): string {
  if (!r.scoreBreakdown) return `<ul>${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  const sum = r.scoreBreakdown.reduce((n, t) => n + t.points, 0);
  const rows = r.scoreBreakdown.map(
    (t) => `<tr><td>${esc(t.reason)}</td><td class="num">+${points(t.points)}</td></tr>`,
  );
  // High totals are compressed below 100, so the score is not always the plain sum.
  const total = Math.abs(sum - r.score) > 0.05 ? ` (from ${points(sum)} points)` : '';
  return `<table class="breakdown"><thead><tr><th>reason</th><th>points</th></tr></thead><tbody>${rows.join('')}</tbody>
<tfoot><tr><th>score</th><th class="num">${points(r.score)}${esc(total)}</th></tr></tfoot></table>`;
}

/** "02 Dec 2026, 03:17 UTC" for an ISO time (anything else as it is). */
export function readableTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "Confirmed fraud" for `confirmed_fraud`; a value the vocabulary does not know, with spaces. */
export function dispositionText(d: string | null | undefined): string {
  if (!d) return '';
  return (DISPOSITION_TEXT as Record<string, string>)[d] ?? d.replaceAll('_', ' ');
}

/** Detection parameters as a two-column table (nested settings as dotted names), not a JSON dump. */
export function parameterRows(params: unknown, prefix = ''): Array<[string, string]> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    return prefix ? [[prefix, Array.isArray(params) ? params.join(', ') : String(params)]] : [];
  }
  return Object.entries(params as Record<string, unknown>).flatMap(([k, v]) =>
    parameterRows(v, prefix ? `${prefix}.${k}` : k),
  );
}

function points(n: number): string {
  return n.toFixed(Number.isInteger(n) ? 0 : 1);
}

export function toHtmlReport(e: RingEvidence, ctx: ExportContext): string {
  const r = e.ring;
  const noun = kindNoun(r.kind);
  const known = r.members.filter((m) => m.label === 'known_fraud').length;
  const members = rows(
    r.members.map((m) => [
      esc(m.id),
      m.label === 'known_fraud' ? '<span class="fraud">known fraud</span>' : esc(m.label),
      esc(m.createdAt ? readableTime(m.createdAt).replace(/, 00:00 UTC$/, '') : ''),
      esc(m.type ?? ''),
      esc(m.country ?? ''),
    ]),
  );
  const identifiers = rows(
    e.identifiers.map((i) => [
      esc(i.kind),
      esc(i.display ?? i.key),
      String(i.members),
      String(i.sharers),
      i.sharers <= i.members ? 'only this ring' : `${i.sharers - i.members} outside`,
    ]),
  );
  const timeline = e.annotations.length
    ? rows(
        e.annotations.map((a) => [
          esc(readableTime(a.at)),
          esc(a.author),
          esc(a.kind),
          `<div class="${a.superseded ? 'superseded' : ''}">${annotationText(a)}</div>${a.version > 1 ? ` <small>(version ${a.version})</small>` : ''}${a.inheritedFrom ? ` <small>(from ${esc(a.inheritedFrom)}, ${esc((a.via ?? []).join(' → '))})</small>` : ''}`,
        ]),
      )
    : '<tr><td colspan="4">No annotations.</td></tr>';
  return htmlPage(
    `RingLens evidence report — ${noun} ${r.id}`,
    CSS,
    `<h1>Evidence report: ${esc(noun)} ${esc(r.id)}</h1>
<p class="meta">Exported by ${esc(ctx.exportedBy)} on ${esc(readableTime(ctx.exportedAt))} · RingLens ${esc(ctx.ringlensVersion)} · detection run ${esc(r.lastSeenRun)}</p>
<h2>Summary</h2>
<p><span class="score">${r.score}</span> / 100 risk score ${r.flagged ? '<span class="flag">· flagged</span>' : ''}<br>
${r.size} accounts${known ? `, <span class="fraud">${known} known fraud</span>` : ''} · disposition <b>${esc(dispositionText(r.status))}</b> · change since the previous run: ${esc(r.change)} · first seen in run ${esc(r.firstSeenRun)}</p>
<h2>Why this is a ${esc(noun)}</h2>
${whyItScored(r)}
<h2>Graph</h2>
<figure>${toSvg(e)}<figcaption>The ring as the app draws it: the same nodes, colours and shapes as its legend.</figcaption></figure>
${leftOut(e)}
<h2>Saved views (${e.views.length + e.moreViews})</h2>
${savedViews(e)}
<h2>Members (${r.members.length})</h2>
<table><thead>${headerRow(['account', 'label', 'created', 'type', 'country'])}</thead><tbody>${members}</tbody></table>
<h2>Shared identifiers (${e.identifiers.length})</h2>
<p class="meta">Rarity: the fewer accounts in the whole graph use an identifier, the more it says about the accounts that share it.</p>
<table><thead>${headerRow(['kind', 'identifier', 'ring members using it', 'accounts using it overall', 'rarity'])}</thead><tbody>${identifiers}</tbody></table>
<h2>Annotations</h2>
<table><thead>${headerRow(['when', 'who', 'what', 'details'])}</thead><tbody>${timeline}</tbody></table>
<h2>Detection run and parameters</h2>
<p>Run ${esc(e.run?.id ?? r.lastSeenRun)}${e.run?.startedAt ? `, started ${esc(readableTime(e.run.startedAt))}` : ''}${e.run?.finishedAt ? `, finished ${esc(readableTime(e.run.finishedAt))}` : ''}${typeof e.run?.modularity === 'number' ? `, modularity ${e.run.modularity.toFixed(4)}` : ''}. Ring history: ${r.history.map((h) => `${esc(h.runId)} (${h.size})`).join(', ')}.</p>
<table class="breakdown"><thead>${headerRow(['parameter', 'value'])}</thead><tbody>${
      parameterRows(e.run?.params ?? {}).length
        ? rows(parameterRows(e.run?.params ?? {}).map(([k, v]) => [esc(k), esc(v)]))
        : '<tr><td colspan="2">Not recorded.</td></tr>'
    }</tbody></table>`,
  );
}
