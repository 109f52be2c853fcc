/**
 * What the self-contained HTML documents (the evidence report, the nightly report and their inline SVG, the GraphML
 * export) share: one escaper, table rows and the page shell (inline CSS, no script, no external resource).
 */

/** Escapes text for HTML, SVG and XML (element content and quoted attributes). */
export function escapeHtml(text: string | number): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Table rows of already-escaped cell HTML. */
export function tableRows(cells: readonly (readonly string[])[]): string {
  return cells.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
}

/** A header row of plain-text column names (escaped here). */
export function headerRow(names: readonly string[]): string {
  return `<tr>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}</tr>`;
}

/** A whole page: `title` is plain text (escaped here); `css` and `body` are trusted HTML. */
export function htmlPage(title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${css}</style></head>
<body>
${body}
</body></html>
`;
}
