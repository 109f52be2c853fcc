/**
 * A note's text: Markdown through the small reader in utils/markdown.ts, turned into React elements (no HTML string
 * is ever injected, so markup in a note is displayed as text), or plain text with its line breaks.
 */
import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '@contracts/markdown.ts';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(n.children)}
          </a>
        );
      case 'break':
        return <br key={i} />;
    }
  });
}

function block(b: Block, i: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return <p key={i}>{inline(b.children)}</p>;
    case 'heading': {
      const Tag = (['h4', 'h5', 'h6'] as const)[b.level - 1]!;
      return <Tag key={i}>{inline(b.children)}</Tag>;
    }
    case 'list':
      return b.ordered ? (
        <ol key={i} start={b.start === 1 ? undefined : b.start}>
          {b.items.map((item, j) => (
            <li key={j}>{inline(item)}</li>
          ))}
        </ol>
      ) : (
        <ul key={i}>
          {b.items.map((item, j) => (
            <li key={j}>{inline(item)}</li>
          ))}
        </ul>
      );
    case 'code':
      return (
        <pre key={i}>
          <code>{b.text}</code>
        </pre>
      );
  }
}

export function NoteText({ body, format }: { body: string; format: 'text' | 'markdown' | null }) {
  if (format !== 'markdown') return <div className="note-body note-body--text">{body}</div>;
  return <div className="note-body note-body--markdown">{parseMarkdown(body).map(block)}</div>;
}
