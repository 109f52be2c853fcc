import { describe, expect, it } from 'vitest';
import { escapeHtml, headerRow, htmlPage, tableRows } from '../../../server/lib/html.ts';

describe('server/lib/html (shared by the evidence and nightly reports)', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x">O'Brien & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;',
    );
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;'); // escapes once more: input is text, never markup
  });

  it('builds rows from trusted cell HTML and header rows from plain text', () => {
    expect(
      tableRows([
        ['<b>1</b>', '2'],
        ['3', '4'],
      ]),
    ).toBe('<tr><td><b>1</b></td><td>2</td></tr><tr><td>3</td><td>4</td></tr>');
    expect(headerRow(['a<b', 'c'])).toBe('<tr><th>a&lt;b</th><th>c</th></tr>');
  });

  it('wraps a body in a self-contained page with an escaped title', () => {
    const page = htmlPage('Ring <r-1>', 'body{color:#111}', '<h1>x</h1>');
    expect(page).toMatch(/^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(page).toContain('<title>Ring &lt;r-1&gt;</title><style>body{color:#111}</style>');
    expect(page).toContain('<body>\n<h1>x</h1>\n</body></html>\n');
    expect(page).not.toMatch(/<script|<link|src=/);
  });
});
