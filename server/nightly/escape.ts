/* Markdown escaping for the nightly report.md (HTML escaping is server/lib/html.ts). */

/**
 * Escapes text for inline Markdown (CommonMark/GFM), so values from ingested data (reasons, ids, file names) are shown
 * as text: HTML such as `<img onerror=…>`, emphasis, links, table pipes and code-span backticks are backslash-escaped,
 * line breaks fold into spaces, and a leading `-`, `+` or `1.` cannot start a list or heading inside a list item.
 */
export function escapeMarkdown(text: string | number): string {
  return String(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>&|~!#]/g, (c) => `\\${c}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** An id as a Markdown code span (its content is literal there), or escaped text when it could break out of one. */
export function markdownCode(id: string): string {
  return /[`|\r\n]/.test(id) || id === '' ? escapeMarkdown(id) : `\`${id}\``;
}
