import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoteText } from '../../../client/src/features/annotations/components/note-text.tsx';
import { parseInline, parseMarkdown, safeHref } from '../../../contracts/markdown.ts';

const html = (body: string, format: 'text' | 'markdown' = 'markdown') =>
  renderToStaticMarkup(createElement(NoteText, { body, format }));

describe('note Markdown', () => {
  it('reads paragraphs, emphasis, strong, code, lists and links', () => {
    expect(
      html('Same *device* and **card**, see `pm_123`.\nSecond line.\n\n- one\n- two [ref](https://example.com/a?b=1)'),
    ).toBe(
      '<div class="note-body note-body--markdown"><p>Same <em>device</em> and <strong>card</strong>, see <code>pm_123</code>.<br/>Second line.</p>' +
        '<ul><li>one</li><li>two <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">ref</a></li></ul></div>',
    );
    expect(parseMarkdown('3. c\n4. d')).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [[{ type: 'text', text: 'c' }], [{ type: 'text', text: 'd' }]],
      },
    ]);
    expect(parseMarkdown('```\n<b>x</b>\n```')).toEqual([{ type: 'code', text: '<b>x</b>' }]);
  });

  it('shows HTML in a note as text, never as markup', () => {
    const out = html('<script>alert(1)</script> **<img src=x onerror=alert(2)>**');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<strong>&lt;img src=x onerror=alert(2)&gt;</strong>');
    // Plain-text notes too.
    expect(html('<script>x</script>', 'text')).toBe(
      '<div class="note-body note-body--text">&lt;script&gt;x&lt;/script&gt;</div>',
    );
  });

  it('keeps only http(s) and mailto links; javascript: and friends become plain text', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'javascript&#58;alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '/relative/path',
    ]) {
      expect(safeHref(bad), bad).toBeNull();
      const out = html(`[click me](${bad})`);
      expect(out, bad).not.toContain('<a');
      expect(out, bad).toContain('click me');
    }
    expect(safeHref('mailto:fraud@example.com')).toBe('mailto:fraud@example.com');
    expect(html('see https://example.com/x.')).toContain('<a href="https://example.com/x" ');
  });

  it('leaves snake_case, escaped and unclosed markers alone', () => {
    expect(parseInline('account_id and ip_address')).toEqual([{ type: 'text', text: 'account_id and ip_address' }]);
    expect(parseInline('\\*not em\\*')).toEqual([{ type: 'text', text: '*not em*' }]);
    expect(parseInline('2 * 3 = 6')).toEqual([{ type: 'text', text: '2 * 3 = 6' }]);
    expect(parseInline('_em_')).toEqual([{ type: 'em', children: [{ type: 'text', text: 'em' }] }]);
    // A link inside a link label does not nest anchors.
    expect(parseInline('[https://a.example](https://b.example)')).toEqual([
      { type: 'link', href: 'https://b.example/', children: [{ type: 'text', text: 'https://a.example' }] },
    ]);
  });
});
