/**
 * "How the score adds up": each reason with the points it added, and the score. High totals are compressed below 100
 * (see the README), so when the score is not the plain sum the total of the points is shown next to it. Rings stored
 * before detection recorded points per reason show their reasons only.
 */
import type { RingDetail } from '../api/get-ring.ts';

function points(n: number): string {
  return n.toFixed(Number.isInteger(n) ? 0 : 1);
}

export function ScoreBreakdown({ ring }: { ring: Pick<RingDetail, 'score' | 'reasons' | 'scoreBreakdown'> }) {
  if (!ring.scoreBreakdown) {
    return (
      <>
        <h3>Why it scored</h3>
        <ul className="reasons-list">
          {ring.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </>
    );
  }
  const sum = ring.scoreBreakdown.reduce((n, t) => n + t.points, 0);
  const compressed = Math.abs(sum - ring.score) > 0.05;
  return (
    <>
      <h3 id="score-breakdown-title">How the score adds up</h3>
      <table className="score-breakdown" aria-labelledby="score-breakdown-title" data-testid="score-breakdown">
        <tbody>
          {ring.scoreBreakdown.map((t, i) => (
            <tr key={`${i}:${t.reason}`}>
              <td>{t.reason}</td>
              <td className="num">+{points(t.points)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Score{compressed ? ` (from ${points(sum)} points)` : ''}</th>
            <td className="num" data-testid="score-breakdown-total">
              {points(ring.score)}
            </td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
