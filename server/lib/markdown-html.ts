/**
 * A Markdown note as HTML for the evidence report, from the same syntax tree the web app draws (contracts/markdown.ts):
 * every piece of text is escaped here, so markup typed into a note (`<img onerror>`, `<script>`) is shown as the text
 * it is, and links are only the http(s)/mailto targets the reader kept.
 */
import { parseMarkdown, type Block, type Inline } from '../../contracts/markdown.ts';
import { escapeHtml as esc } from './html.ts';

function inline(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return esc(n.text);
        case 'code':
          return `<code>${esc(n.text)}</code>`;
        case 'strong':
          return `<strong>${inline(n.children)}</strong>`;
        case 'em':
          return `<em>${inline(n.children)}</em>`;
        case 'link':
          return `<a href="${esc(n.href)}" rel="noopener noreferrer nofollow">${inline(n.children)}</a>`;
        case 'break':
          return '<br>';
      }
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inline(b.children)}</p>`;
    case 'heading':
      // Under the report's own h1/h2: a note's headings are h4–h6, as in the web app.
      return `<h${b.level + 3}>${inline(b.children)}</h${b.level + 3}>`;
    case 'list': {
      const items = b.items.map((item) => `<li>${inline(item)}</li>`).join('');
      if (!b.ordered) return `<ul>${items}</ul>`;
      return `<ol${b.start === 1 ? '' : ` start="${b.start}"`}>${items}</ol>`;
    }
    case 'code':
      return `<pre><code>${esc(b.text)}</code></pre>`;
  }
}

/** The note's HTML: safe to place inside the report as it is. */
export function markdownToHtml(source: string): string {
  return parseMarkdown(source).map(block).join('');
}
