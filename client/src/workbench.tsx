/**
 * The investigator's workbench: ring queue on the left, the graph in the middle (with the export menu), details, the
 * case file and "Why linked?" on the right, search in the top bar.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { nodeId, parseNodeId } from '@contracts/element-ids.ts';
import { TopBar } from './components/top-bar.tsx';
import type { Me } from '@contracts/auth.ts';
import { CaseFilePanel, CaseFileSection } from './features/annotations/components/case-file-panel.tsx';
import { useCaseFile } from './features/annotations/hooks/use-case-file.ts';
import type { RingDetail } from './features/rings/api/get-ring.ts';
import { DetailsPanel } from './features/details/components/details-panel.tsx';
import { GraphWorkspace } from './features/graph/components/graph-workspace.tsx';
import { useGraphController } from './features/graph/hooks/use-graph-controller.ts';
import { ExportMenu } from './features/export/components/export-menu.tsx';
import { BulkActions } from './features/annotations/components/bulk-actions.tsx';
import type { GraphController } from './features/graph/hooks/use-graph-controller.ts';
import { snapshotView } from './features/graph/utils/view-snapshot.ts';
import { useSavedView, type ViewTarget } from './features/views/api/views.ts';
import { SavedViewsList, SaveViewButton } from './features/views/components/saved-views.tsx';
import { WhyLinked, type LinkEnds } from './features/paths/components/why-linked.tsx';
import { useRing } from './features/rings/api/get-ring.ts';
import { RingQueue } from './features/rings/components/ring-queue.tsx';
import { RingSummary, type RingTab } from './features/rings/components/ring-summary.tsx';
import { PanelLayout } from './components/panel-layout.tsx';
import { ringNodeIds } from '@contracts/ring-nodes.ts';
import { SearchBox } from './features/search/components/search-box.tsx';
import { KIND_STYLES } from '@contracts/kind-styles.ts';
import { nodeRoute, parseRoute, type Route } from './lib/routes.ts';
import { useRoute } from './lib/use-route.ts';

/** The graph node a route shows, and what to call its canvas. */
function routeNode(route: Route): { id: string; title: string } | null {
  if (route.view === 'account') return { id: nodeId('account', route.id), title: `Account ${route.id}` };
  if (route.view === 'identifier')
    return { id: nodeId(route.kind, route.key), title: `${KIND_STYLES[route.kind].name} ${route.key}` };
  return null;
}

export function Workbench({ me, user }: { me: Me; user: ReactNode }) {
  const graph = useGraphController();
  const { state, actions } = graph;
  const [route, navigate] = useRoute();
  const ringRoute = route.view === 'ring' || route.view === 'pair';
  const savedView = useSavedView(route.view === 'view' ? route.id : null);
  const viewData = route.view === 'view' ? savedView.data : undefined;
  // A saved view of a ring shows that ring's panel beside it.
  const ringId = ringRoute ? route.id : viewData?.targetType === 'ring' ? viewData.targetId : null;
  const ring = useRing(ringId);
  const openRingRoute = useCallback((id: string) => navigate({ view: 'ring', id }), [navigate]);
  // Arriving at the bare address opens the top ring of the queue, so the graph never starts empty.
  const onQueueLoaded = useCallback(
    (items: Array<{ id: string }>) => {
      // The address as it is now: a link followed while the queue loaded wins.
      const now = parseRoute(window.location.hash);
      if (now.view === 'home' && items[0]) navigate({ view: 'ring', id: items[0].id }, { replace: true });
    },
    [navigate],
  );
  /** Opens a node (a search result, a link in a panel) in a canvas of its own, at its own address. */
  const openNodeRoute = useCallback(
    (id: string) => {
      const parsed = parseNodeId(id);
      const next = parsed && nodeRoute(parsed.kind, parsed.key);
      if (next) navigate(next);
    },
    [navigate],
  );
  const [ends, setEnds] = useState<LinkEnds>({ from: '', to: '' });
  // Bumped when a case changes (disposition, assignee, tags), so the queue shows it.
  const [caseChanges, setCaseChanges] = useState(0);
  const [ringTab, setRingTab] = useState<RingTab>('Summary');
  const reloadRing = ring.reload;
  // A case changed: the queue reads again, and so does the open ring (its status, its members' dispositions).
  const onCaseChanged = useCallback(() => {
    setCaseChanges((n) => n + 1);
    reloadRing();
  }, [reloadRing]);

  // The ring's canvas is drawn once per visit: reading the ring again (its case changed) leaves the canvas alone.
  const drawnRing = useRef<string | null>(null);
  useEffect(() => {
    if (!ringRoute) drawnRing.current = null;
    if (!ring.data || !ringRoute || drawnRing.current === ring.data.id) return;
    drawnRing.current = ring.data.id;
    void actions.openRing(ring.data.id, ringNodeIds(ring.data));
  }, [ring.data, ringRoute, actions]);

  // A saved view's address reopens it; an account's view selects the account.
  useEffect(() => {
    if (!viewData) return;
    void actions.openView(viewData.state, `View “${viewData.name}”`).then(() => {
      if (viewData.targetType === 'account') actions.select(nodeId('account', viewData.targetId));
    });
  }, [viewData, actions]);
  // Bumped when a view is saved, so the case file lists it.
  const [viewsSaved, setViewsSaved] = useState(0);
  /** The case a view of this canvas is saved with: the open ring, the account, or the reopened view's case. */
  const caseTarget: ViewTarget | null = ringRoute
    ? ring.data
      ? { type: 'ring', id: ring.data.id }
      : null
    : route.view === 'account'
      ? { type: 'account', id: route.id }
      : viewData
        ? { type: viewData.targetType, id: viewData.targetId }
        : null;

  // An account or identifier address opens that node's neighbourhood in a canvas of its own.
  const node = routeNode(route);
  const nodeKey = node ? `${node.id}\n${node.title}` : null;
  useEffect(() => {
    if (!nodeKey) return;
    const [id, title] = nodeKey.split('\n') as [string, string];
    void actions.openNode(id, { fresh: true, title });
  }, [nodeKey, actions]);

  const selectAccount = (id: string) => actions.select(nodeId('account', id), true);

  return (
    <div className="app">
      <TopBar user={user}>
        <SearchBox onOpen={(r, join) => (join ? void actions.openNode(r.node.id) : openNodeRoute(r.node.id))} />
      </TopBar>
      <PanelLayout
        leftLabel="Ring queue"
        rightLabel="Details panel"
        left={
          <RingQueue
            openRingId={ringId}
            onOpen={openRingRoute}
            onLoaded={onQueueLoaded}
            username={me.username}
            refresh={caseChanges}
          />
        }
        centre={(panels) => (
          <GraphWorkspace
            graph={graph}
            onOpenNode={openNodeRoute}
            onCaseActions={(ids) => {
              if (ids.length === 1) actions.select(ids[0]!);
              else actions.setSelection(ids);
              if (!panels.rightOpen) panels.toggleRight();
            }}
            lead={
              <button
                type="button"
                className="small panel-toggle"
                aria-pressed={panels.leftOpen}
                aria-controls="layout-left"
                onClick={panels.toggleLeft}
                title={panels.leftOpen ? 'Hide the ring queue' : 'Show the ring queue'}
              >
                ☰ Queue
              </button>
            }
            tools={(viewport) => (
              <>
                <SaveViewButton
                  target={caseTarget}
                  capture={() => (viewport ? snapshotView(state, viewport.positions()) : null)}
                  me={me}
                  onSaved={() => setViewsSaved((n) => n + 1)}
                />
                <ExportMenu ringId={ring.data?.id ?? null} viewport={viewport} viewTitle={state.title} me={me} />
                <button
                  type="button"
                  className="small panel-toggle"
                  aria-pressed={panels.rightOpen}
                  aria-controls="layout-right"
                  onClick={panels.toggleRight}
                  title={panels.rightOpen ? 'Hide the details panel' : 'Show the details panel'}
                >
                  Details ▸
                </button>
              </>
            )}
          />
        )}
        right={
          <>
            <div className="side__scroll">
              {savedView.error && route.view === 'view' && (
                <p className="error panel-section" role="alert">
                  Could not open the saved view: {savedView.error.message}
                </p>
              )}
              {ring.error && ringId && (
                <p className="error panel-section" role="alert">
                  Could not open ring {ringId}: {ring.error.message}
                </p>
              )}
              {state.selection.length > 1 ? (
                <BulkActions
                  title={`${state.selection.length} selected`}
                  nodeIds={state.selection}
                  graph={graph}
                  me={me}
                  onChanged={onCaseChanged}
                />
              ) : state.selected ? (
                <DetailsPanel
                  key={state.selected}
                  nodeId={state.selected}
                  graph={graph}
                  caseFile={(id) => (
                    <>
                      <CaseFileSection target={{ type: 'account', id }} me={me} onChanged={onCaseChanged} />
                      <SavedViewsList target={{ type: 'account', id }} refresh={viewsSaved} />
                    </>
                  )}
                  onOpenRing={openRingRoute}
                  onLinkEnd={(end, id) => setEnds((e) => ({ ...e, [end]: id }))}
                />
              ) : ring.data ? (
                <RingPanel
                  key={ring.data.id}
                  ring={ring.data}
                  graph={graph}
                  me={me}
                  tab={ringTab}
                  onTab={setRingTab}
                  onSelectAccount={selectAccount}
                  onCaseChanged={onCaseChanged}
                  viewsSaved={viewsSaved}
                />
              ) : (
                <section className="panel-section">
                  <h2>Details</h2>
                  <p className="muted">Select a node to see its properties, identifiers and rings.</p>
                </section>
              )}
            </div>
            <WhyLinked graph={graph} ends={ends} onEndsChange={setEnds} />
          </>
        }
      />
    </div>
  );
}

/** The opened ring with its case file. Mount it with `key={ring.id}`: the case file belongs to one ring. */
function RingPanel({
  ring,
  graph,
  me,
  tab,
  onTab,
  onSelectAccount,
  onCaseChanged,
  viewsSaved,
}: {
  ring: RingDetail;
  graph: GraphController;
  me: Me;
  tab: RingTab;
  onTab(tab: RingTab): void;
  onSelectAccount(id: string): void;
  /** A disposition, tag or note was recorded. */
  onCaseChanged(): void;
  /** Bumped when a view was saved (the case file lists the ring's views). */
  viewsSaved: number;
}) {
  const caseFile = useCaseFile(
    { type: 'ring', id: ring.id },
    { disposition: ring.status, assignee: ring.assignee ?? null, tags: ring.tags },
  );
  return (
    <RingSummary
      ring={ring}
      status={caseFile.state.disposition}
      tab={tab}
      onTab={onTab}
      onSelectAccount={onSelectAccount}
      memberActions={
        <BulkActions
          title={`All ${ring.members.length} members`}
          nodeIds={ring.members.map((m) => nodeId('account', m.id))}
          graph={graph}
          me={me}
          onChanged={onCaseChanged}
          selectOnCanvas
        />
      }
      caseFile={
        <>
          <CaseFilePanel
            caseFile={caseFile}
            me={me}
            onChanged={onCaseChanged}
            members={ring.members.map((m) => m.id)}
          />
          <SavedViewsList target={{ type: 'ring', id: ring.id }} refresh={viewsSaved} />
        </>
      }
    />
  );
}
