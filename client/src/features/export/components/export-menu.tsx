/**
 * The Export menu in the graph header. For the open ring, files the server makes from the database: the evidence
 * bundle (with this view's PNG inside), the HTML report, GraphML, Cytoscape JSON, CSV and SVG. For the current view
 * (whatever is drawn, ring or not), files made here in the browser: a high-resolution PNG, Cytoscape JSON and CSV.
 * Only offered to roles that may export; a refusal from the server is shown as its message.
 */
import type { ExportFormat } from '@contracts/export.ts';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Me } from '@contracts/auth.ts';
import { mayCall, needsRoleText, requiredRole } from '../../../lib/permissions.ts';
import type { Viewport } from '../../graph/components/graph-view.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { exportEvidenceBundle, exportRing } from '../api/export-ring.ts';
import { saveFile } from '../utils/save-file.ts';
import { figureHeading, viewEdgesCsv, viewFileStem, viewNodesCsv, viewToCytoscapeJson } from '../utils/view-export.ts';

interface MenuItem {
  id: string;
  label: string;
  hint: string;
  run(): Promise<string>;
}

const RING_FILES: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'html', label: 'Report (HTML)', hint: 'prints to PDF' },
  { format: 'graphml', label: 'GraphML', hint: 'Gephi, Cytoscape, networkx' },
  { format: 'json', label: 'Cytoscape JSON', hint: 're-importable' },
  { format: 'nodes.csv', label: 'Nodes CSV', hint: 'spreadsheet' },
  { format: 'edges.csv', label: 'Edges CSV', hint: 'spreadsheet' },
  { format: 'svg', label: 'SVG picture', hint: 'vector' },
];

const text = (body: string, type: string) => new Blob([body], { type });

export function ExportMenu({
  ringId,
  viewport,
  viewTitle,
  me,
}: {
  ringId: string | null;
  viewport: Viewport | null;
  viewTitle: string | null;
  me: Me;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const path = `/rings/${ringId ?? 'ring-000000'}/export`;
  const allowed = mayCall(me.role, 'POST', path) && mayCall(me.role, 'GET', path);

  useEffect(() => {
    if (!done) return undefined;
    const timer = setTimeout(() => setDone(null), 8000);
    return () => clearTimeout(timer);
  }, [done]);

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (!allowed) {
    return (
      <button
        type="button"
        className="export-button"
        disabled
        title={needsRoleText('Exporting evidence', requiredRole('POST', path), me.role)}
        data-testid="export-menu-button"
      >
        Export ▾
      </button>
    );
  }

  const capture = viewport?.capture;
  const viewEmpty = !capture || capture.isEmpty();
  const stem = viewFileStem(viewTitle);
  const heading = () => figureHeading(viewTitle, ringId, new Date());
  const ringItems: MenuItem[] = ringId
    ? [
        {
          id: 'bundle',
          label: 'Evidence bundle (.zip)',
          hint: 'every format, hashes, and this view as PNG',
          run: async () => {
            const file = await exportEvidenceBundle(
              ringId,
              viewEmpty ? undefined : await capture!.pngBase64(heading()),
            );
            const name = file.filename ?? `${ringId}-evidence.zip`;
            saveFile(file.blob, name);
            return name;
          },
        },
        ...RING_FILES.map((f) => ({
          id: f.format,
          label: f.label,
          hint: f.hint,
          run: async () => {
            const file = await exportRing(ringId, f.format);
            const name = file.filename ?? `${ringId}-${f.format}`;
            saveFile(file.blob, name);
            return name;
          },
        })),
      ]
    : [];
  const save = (blob: Blob, name: string) => {
    saveFile(blob, name);
    return Promise.resolve(name);
  };
  const viewItems: MenuItem[] = [
    {
      id: 'view-png',
      label: 'PNG image',
      hint: 'high resolution, with title and legend',
      run: async () => save(await capture!.pngBlob(heading()), `${stem}.png`),
    },
    {
      id: 'view-json',
      label: 'Cytoscape JSON',
      hint: 'elements as drawn',
      run: () =>
        save(
          text(
            viewToCytoscapeJson(capture!.elements(), {
              view: viewTitle ?? 'Graph',
              exportedAt: new Date().toISOString(),
            }),
            'application/json',
          ),
          `${stem}.json`,
        ),
    },
    {
      id: 'view-nodes',
      label: 'Nodes CSV',
      hint: 'spreadsheet',
      run: () => save(text(viewNodesCsv(capture!.elements().nodes), 'text/csv'), `${stem}-nodes.csv`),
    },
    {
      id: 'view-edges',
      label: 'Edges CSV',
      hint: 'spreadsheet',
      run: () => save(text(viewEdgesCsv(capture!.elements().edges), 'text/csv'), `${stem}-edges.csv`),
    },
  ];

  const choose = async (item: MenuItem) => {
    setOpen(false);
    setDone(null);
    button.current?.focus();
    const name = await action.run(item.run);
    if (name) setDone(`Saved ${name}`);
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      go(at + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      go(at - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      go(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      go(items.length - 1);
    }
  };

  const renderItem = (item: MenuItem, disabled = false) => (
    <button
      key={item.id}
      type="button"
      role="menuitem"
      className="menu__item"
      disabled={disabled}
      data-export={item.id}
      onClick={() => void choose(item)}
    >
      <span>{item.label}</span>
      <span className="menu__hint">{item.hint}</span>
    </button>
  );

  return (
    <div className="export">
      <button
        ref={button}
        type="button"
        className="export-button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={action.busy}
        onClick={() => setOpen(!open)}
        data-testid="export-menu-button"
      >
        {action.busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open && (
        <div ref={menu} className="menu" role="menu" aria-label="Export" onKeyDown={onMenuKey}>
          <div className="menu__group" role="group" aria-label={ringId ? `Ring ${ringId}` : 'Ring'}>
            <div className="menu__heading">
              Ring {ringId ? <span className="menu__id">{ringId}</span> : '— open one from the queue'}
            </div>
            {ringItems.map((item) => renderItem(item))}
          </div>
          <div className="menu__group" role="group" aria-label="Current view">
            <div className="menu__heading">Current view{viewEmpty ? ' — nothing drawn' : ''}</div>
            {viewItems.map((item) => renderItem(item, viewEmpty))}
          </div>
        </div>
      )}
      {(action.error || done) && (
        <div
          className={`export__status ${action.error ? 'export__status--error' : ''}`}
          role={action.error ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {action.error ? `Export failed: ${action.error.message}` : done}
          <button
            type="button"
            className="ghost small"
            aria-label="Dismiss"
            onClick={() => {
              action.clearError();
              setDone(null);
            }}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
