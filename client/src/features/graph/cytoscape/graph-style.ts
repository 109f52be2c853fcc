/**
 * How the graph looks, as data: the colours and shapes of contracts/kind-styles.ts, known-fraud accounts with a
 * thick red border and a warning mark in their label, edges labelled with what links them.
 * Pure: the stylesheet is a plain array that Cytoscape takes as is and the unit tests inspect.
 */
import {
  FRAUD_BORDER,
  FRAUD_MARK,
  KIND_STYLES,
  LEGIT_BORDER,
  LINK_COLOR,
  OKABE_ITO,
  PAYMENT_COLOR,
} from '@contracts/kind-styles.ts';

/** Node labels show once drawn at least this big (10 px text: from 130 % zoom). */
export const LABEL_MIN_ZOOMED_PX = 13;

type StyleValue = string | number | ((ele: { data(key: string): unknown }) => string | number);

export interface StyleRule {
  selector: string;
  style: Record<string, StyleValue>;
}

/** A known-fraud account's label: the ⚠ mark, so the warning does not rest on colour. */
export function fraudLabel(ele: { data(key: string): unknown }): string {
  return `${FRAUD_MARK} ${String(ele.data('label') ?? '')}`;
}

export function graphStylesheet(): StyleRule[] {
  const kindRules: StyleRule[] = Object.entries(KIND_STYLES).map(([kind, s]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': s.color, shape: s.shape },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        width: 30,
        height: 30,
        'font-family': 'Inter, "DejaVu Sans", system-ui, sans-serif',
        'font-size': 10,
        color: '#1F2933',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '120px',
        'text-background-color': '#FFFFFF',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        // Labels appear as you zoom in (from 130 %): a zoomed-out ring is shapes, not a pile of overlapping text.
        // Hovered and selected nodes and their neighbours keep theirs (.near below).
        'min-zoomed-font-size': LABEL_MIN_ZOOMED_PX,
        'border-width': 1.5,
        'border-color': '#FFFFFF',
      },
    },
    ...kindRules,
    // Identifiers grow with their sharer count: a rare identifier is small, a widely shared one stands out.
    {
      selector: 'node[kind != "account"][sharers > 1]',
      style: { width: 'mapData(sharers, 2, 100, 28, 56)', height: 'mapData(sharers, 2, 100, 28, 56)' },
    },
    { selector: 'node[kind = "account"]', style: { width: 34, height: 34 } },
    {
      selector: 'node[accountLabel = "known_fraud"]',
      style: {
        'border-width': FRAUD_BORDER.width,
        'border-color': FRAUD_BORDER.color,
        label: fraudLabel,
        color: FRAUD_BORDER.color,
        'font-weight': 'bold',
      },
    },
    { selector: 'node[accountLabel = "legit"]', style: { 'border-width': 3, 'border-color': LEGIT_BORDER } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': LINK_COLOR,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 8,
        color: '#52606D',
        'text-rotation': 'autorotate',
        'text-background-color': '#FFFFFF',
        'text-background-opacity': 0.8,
        // Edge labels only close up (from 150 %).
        'min-zoomed-font-size': 12,
      },
    },
    // Only styles that Cytoscape's WebGL mode draws too (renderer.ts): it draws every line solid and no outlines, so
    // payments are told apart by a heavier dark line with an arrow, and pins by a halo (an underlay).
    {
      selector: 'edge[kind = "paid"]',
      style: {
        width: 3,
        'line-color': PAYMENT_COLOR,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': PAYMENT_COLOR,
        'arrow-scale': 1.3,
      },
    },
    // Pinned nodes get a dark halo, so a pinned known-fraud account keeps its red border.
    {
      selector: '.pinned',
      style: {
        'underlay-color': '#1F2933',
        'underlay-opacity': 0.45,
        'underlay-padding': 6,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'node:selected',
      style: { 'overlay-color': OKABE_ITO.blue, 'overlay-opacity': 0.18, 'overlay-padding': 6 },
    },
    { selector: 'edge:selected', style: { 'line-color': OKABE_ITO.blue, width: 3 } },
    { selector: '.expandable', style: { 'border-style': 'dashed' } },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: '.dimmed', style: { opacity: 0.2 } },
    {
      selector: 'edge.path',
      style: {
        width: 5,
        'line-color': OKABE_ITO.vermillion,
        'target-arrow-color': OKABE_ITO.vermillion,
        opacity: 1,
        'z-index': 10,
      },
    },
    {
      selector: 'node.path',
      style: { 'overlay-color': OKABE_ITO.vermillion, 'overlay-opacity': 0.25, 'overlay-padding': 7, opacity: 1 },
    },
    // Groups (cytoscape/graph-groups.ts): a collapsed group is one box standing for its accounts; an expanded one is
    // a light compound box around them.
    {
      selector: 'node[kind = "group"]',
      style: {
        shape: 'round-rectangle',
        'background-color': '#D9E2EC',
        'border-color': '#52606D',
        'border-width': 2,
        width: 'mapData(members, 2, 60, 46, 96)',
        height: 'mapData(members, 2, 60, 30, 60)',
        'text-valign': 'center',
        'text-margin-y': 0,
        'font-weight': 'bold',
        'min-zoomed-font-size': 0,
      },
    },
    {
      selector: 'node[kind = "group"]:parent',
      style: {
        'background-opacity': 0.25,
        'border-width': 1.5,
        'text-valign': 'top',
        'text-margin-y': -4,
        padding: '14px',
      },
    },
    { selector: 'edge[kind = "meta"]', style: { width: 'mapData(count, 1, 30, 2, 7)', 'line-color': '#7B8794' } },
    { selector: '.grouped', style: { display: 'none' } },
    // Hover: the node and its neighbours stand out with their labels, the rest steps back.
    { selector: '.near', style: { 'min-zoomed-font-size': 0, 'z-index': 20 } },
    { selector: 'node:selected', style: { 'min-zoomed-font-size': 0 } },
    { selector: '.faint', style: { opacity: 0.15 } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
}
