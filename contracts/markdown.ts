/**
 * A deliberately small Markdown reader for notes (shared: the web app renders its tree as React elements, the server
 * as escaped HTML in the evidence report): paragraphs (line breaks kept), headings, bullet and numbered
 * lists, fenced code, and inline `code`, **strong**, *emphasis*, [links](https://…) and bare http(s) URLs. It
 * produces a syntax tree, never HTML: the view turns it into React elements, so raw HTML in a note (`<script>`,
 * `<img onerror>`) is shown as the text it is. Links keep only http:, https: and mailto: targets; anything else
 * (javascript:, data:, relative paths) is shown as plain text.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'code'; text: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL when it is an absolute http(s) or mailto link, else null. */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

const ESCAPABLE = /[\\`*_[\]()#+\-.!<>~|{}]/;
const BARE_URL = /^https?:\/\/[^\s<>"]+/i;
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** A link inside a link label becomes its text (anchors do not nest). */
function unlink(nodes: Inline[]): Inline[] {
  return nodes.flatMap((n): Inline[] =>
    n.type === 'link'
      ? unlink(n.children)
      : n.type === 'strong' || n.type === 'em'
        ? [{ ...n, children: unlink(n.children) }]
        : [n],
  );
}

/** Inline spans of one block's text. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ type: 'text', text: buf });
    buf = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && ESCAPABLE.test(s[i + 1] ?? '')) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      push({ type: 'break' });
      i++;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      const end = s.indexOf(fence, i + n);
      if (end > i + n) {
        push({ type: 'code', text: s.slice(i + n, end).trim() });
        i = end + n;
      } else {
        buf += fence;
        i += n;
      }
      continue;
    }
    if ((c === '*' || c === '_') && s[i + 1] === c) {
      const end = s.indexOf(c + c, i + 2);
      const inner = end > 0 ? s.slice(i + 2, end) : '';
      if (inner && inner.trim() === inner && (c === '*' || !isWordChar(s[end + 2]))) {
        push({ type: 'strong', children: parseInline(inner) });
        i = end + 2;
        continue;
      }
    } else if (c === '*' || (c === '_' && !isWordChar(s[i - 1]))) {
      let end = s.indexOf(c, i + 1);
      // `_` inside a word (snake_case) does not close emphasis either.
      while (c === '_' && end > 0 && isWordChar(s[end + 1])) end = s.indexOf(c, end + 1);
      const inner = end > 0 ? s.slice(i + 1, end) : '';
      if (inner && inner.trim() === inner) {
        push({ type: 'em', children: parseInline(inner) });
        i = end + 1;
        continue;
      }
    } else if (c === '[') {
      const close = s.indexOf('](', i + 1);
      const end = close > 0 ? s.indexOf(')', close + 2) : -1;
      if (end > 0 && !s.slice(i + 1, close).includes('\n')) {
        const label = parseInline(s.slice(i + 1, close));
        const href = safeHref(s.slice(close + 2, end));
        flush();
        // An unsafe target keeps only its label, as plain text.
        if (href) out.push({ type: 'link', href, children: unlink(label) });
        else out.push(...label);
        i = end + 1;
        continue;
      }
    } else if ((c === 'h' || c === 'H') && !isWordChar(s[i - 1])) {
      const m = BARE_URL.exec(s.slice(i));
      if (m) {
        const text = m[0].replace(/[.,;:!?)\]]+$/, '');
        const href = safeHref(text);
        if (href) {
          push({ type: 'link', href, children: [{ type: 'text', text }] });
          i += text.length;
          continue;
        }
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

const FENCE = /^\s*```/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const startsBlock = (line: string) =>
  FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line);

/** The blocks of a note. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i]!)) body.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(heading[1]!.length, 3) as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    const first = NUMBERED.exec(line);
    if (BULLET.test(line) || first) {
      const ordered = Boolean(first);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') {
        const m = pattern.exec(lines[i]!);
        if (m) items.push(m[m.length - 1]!);
        else if (startsBlock(lines[i]!)) break;
        // A continuation line belongs to the item above.
        else items[items.length - 1] += `\n${lines[i]!.trim()}`;
        i++;
      }
      blocks.push({ type: 'list', ordered, start: first ? Number(first[1]) : 1, items: items.map(parseInline) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && (para.length === 0 || !startsBlock(lines[i]!))) {
      para.push(lines[i++]!);
    }
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n')) });
  }
  return blocks;
}
