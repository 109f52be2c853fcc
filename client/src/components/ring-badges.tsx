/** Small labelled badges for a ring's status and its change since the previous run (text, not colour alone). */
import { DISPOSITION_TEXT } from '@contracts/vocabulary.ts';

const STATUS_TEXT: Record<string, string> = DISPOSITION_TEXT;

const CHANGE_TEXT: Record<string, string> = {
  new: '★ new',
  grown: '▲ grown',
  shrunk: '▼ shrunk',
  unchanged: '= unchanged',
  changed: '↻ changed',
};

export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status.replaceAll('_', ' ');
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge--status-${status}`}>{statusText(status)}</span>;
}

export function ChangeBadge({ change }: { change: string }) {
  return (
    <span className={`badge badge--change-${change}`} title={`Since the previous detection run: ${change}`}>
      {CHANGE_TEXT[change] ?? change}
    </span>
  );
}

export function ScoreBar({ score }: { score: number }) {
  const level = score >= 80 ? 'high' : score >= 50 ? 'medium' : 'low';
  return (
    <span className="score" title={`Risk score ${score} of 100`}>
      <span className="score__value">{score.toFixed(score % 1 === 0 ? 0 : 1)}</span>
      <meter
        className={`score__meter score__meter--${level}`}
        min={0}
        max={100}
        low={50}
        high={80}
        optimum={0}
        value={score}
      />
    </span>
  );
}
