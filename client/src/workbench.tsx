/**
 * The investigator's workbench: ring queue on the left, the graph in the middle (with the export menu), details, the
 * case file and "Why linked?" on the right, search in the top bar.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { nodeId } from '@contracts/element-ids.ts';
import { TopBar } from './components/top-bar.tsx';
import type { Me } from '@contracts/auth.ts';
import { CaseFilePanel, CaseFileSection } from './features/annotations/components/case-file-panel.tsx';
import { useCaseFile } from './features/annotations/hooks/use-case-file.ts';
import { DetailsPanel } from './features/details/components/details-panel.tsx';
import { GraphWorkspace } from './features/graph/components/graph-workspace.tsx';
import { useGraphController } from './features/graph/hooks/use-graph-controller.ts';
import { ExportMenu } from './features/export/components/export-menu.tsx';
import { WhyLinked, type LinkEnds } from './features/paths/components/why-linked.tsx';
import { useRing } from './features/rings/api/get-ring.ts';
import { RingQueue } from './features/rings/components/ring-queue.tsx';
import { RingSummary } from './features/rings/components/ring-summary.tsx';
import type { RingDetail } from './features/rings/api/get-ring.ts';
import { ringNodeIds } from './features/rings/utils/ring-graph.ts';
import { SearchBox } from './features/search/components/search-box.tsx';

export function Workbench({ me, user }: { me: Me; user: ReactNode }) {
  const graph = useGraphController();
  const { state, actions } = graph;
  const [ringId, setRingId] = useState<string | null>(null);
  const ring = useRing(ringId);
  const [ends, setEnds] = useState<LinkEnds>({ from: '', to: '' });
  // Bumped when a case changes (disposition, assignee, tags), so the queue shows it.
  const [caseChanges, setCaseChanges] = useState(0);
  const onCaseChanged = useCallback(() => setCaseChanges((n) => n + 1), []);

  useEffect(() => {
    if (ring.data) void actions.openRing(ring.data.id, ringNodeIds(ring.data));
  }, [ring.data, actions]);

  const selectAccount = (id: string) => actions.select(nodeId('account', id), true);

  return (
    <div className="app">
      <TopBar user={user}>
        <SearchBox onOpen={(r) => void actions.openNode(r.node)} />
      </TopBar>
      <main className="layout">
        <aside className="layout__queue">
          <RingQueue openRingId={ringId} onOpen={setRingId} username={me.username} refresh={caseChanges} />
        </aside>
        <GraphWorkspace
          graph={graph}
          tools={(viewport) => (
            <ExportMenu ringId={ring.data?.id ?? null} viewport={viewport} viewTitle={state.title} me={me} />
          )}
        />
        <aside className="layout__side">
          <div className="side__scroll">
            {ring.error && ringId && (
              <p className="error panel-section" role="alert">
                Could not open ring {ringId}: {ring.error.message}
              </p>
            )}
            {state.selected ? (
              <DetailsPanel
                key={state.selected}
                nodeId={state.selected}
                graph={graph}
                caseFile={(id) => (
                  <CaseFileSection target={{ type: 'account', id }} me={me} onChanged={onCaseChanged} />
                )}
                onOpenRing={setRingId}
                onLinkEnd={(end, id) => setEnds((e) => ({ ...e, [end]: id }))}
              />
            ) : ring.data ? (
              <RingPanel
                key={ring.data.id}
                ring={ring.data}
                me={me}
                onSelectAccount={selectAccount}
                onCaseChanged={onCaseChanged}
              />
            ) : (
              <section className="panel-section">
                <h2>Details</h2>
                <p className="muted">Select a node to see its properties, identifiers and rings.</p>
              </section>
            )}
          </div>
          <WhyLinked graph={graph} ends={ends} onEndsChange={setEnds} />
        </aside>
      </main>
    </div>
  );
}

/** The opened ring with its case file. Mount it with `key={ring.id}`: the case file belongs to one ring. */
function RingPanel({
  ring,
  me,
  onSelectAccount,
  onCaseChanged,
}: {
  ring: RingDetail;
  me: Me;
  onSelectAccount(id: string): void;
  /** A disposition, tag or note was recorded. */
  onCaseChanged(): void;
}) {
  const caseFile = useCaseFile(
    { type: 'ring', id: ring.id },
    { disposition: ring.status, assignee: ring.assignee ?? null, tags: ring.tags },
  );
  return (
    <RingSummary
      ring={ring}
      status={caseFile.state.disposition}
      onSelectAccount={onSelectAccount}
      caseFile={<CaseFilePanel caseFile={caseFile} me={me} onChanged={onCaseChanged} />}
    />
  );
}
