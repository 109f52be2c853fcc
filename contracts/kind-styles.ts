/**
 * One colour and shape per node kind from the Okabe–Ito palette (distinguishable with every common form of colour
 * blindness, and each kind also has its own shape, so colour is never the only cue), and the known-fraud and payment
 * marks: shared by the graph's stylesheet, its legend and every panel that shows a kind swatch in the web app, and by
 * the pictures the server draws for exports and reports, so a report's colours are the app's.
 */
import type { NodeKind } from './vocabulary.ts';

/** Okabe & Ito (2002), "Color Universal Design". */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export type NodeShape =
  'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'round-triangle' | 'pentagon' | 'octagon';

export interface KindStyle {
  /** What the legend calls it. */
  name: string;
  /** One and many of it in running text ("1 IP address", "2 IP addresses"). */
  noun: readonly [string, string];
  color: string;
  shape: NodeShape;
}

export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  account: { name: 'Account', noun: ['account', 'accounts'], color: OKABE_ITO.blue, shape: 'ellipse' },
  device: { name: 'Device', noun: ['device', 'devices'], color: OKABE_ITO.orange, shape: 'round-rectangle' },
  payment: {
    name: 'Card / payment method',
    noun: ['card or payment method', 'cards or payment methods'],
    color: OKABE_ITO.bluishGreen,
    shape: 'diamond',
  },
  ip: { name: 'IP address', noun: ['IP address', 'IP addresses'], color: OKABE_ITO.skyBlue, shape: 'hexagon' },
  email: {
    name: 'Email',
    noun: ['email address', 'email addresses'],
    color: OKABE_ITO.reddishPurple,
    shape: 'round-triangle',
  },
  phone: { name: 'Phone', noun: ['phone number', 'phone numbers'], color: OKABE_ITO.yellow, shape: 'pentagon' },
  address: { name: 'Address', noun: ['postal address', 'postal addresses'], color: '#6B6B6B', shape: 'octagon' },
};

/** The known-fraud mark: red is paired with a thick border and a ⚠ in the label, never used alone. */
export const FRAUD_BORDER = { color: '#C1121F', width: 6 };
export const FRAUD_MARK = '⚠';
/** Accounts labelled legit: a green ring. */
export const LEGIT_BORDER = OKABE_ITO.bluishGreen;
/** Payment edges: a heavier dark line with an arrow (identifier links are thin, grey, without arrows). */
export const PAYMENT_COLOR = '#3E4C59';
/** Identifier links (account uses identifier): thin and grey. */
export const LINK_COLOR = '#9AA5B1';

/** One entry of a picture's legend: a kind, or one of the marks. */
export type LegendEntry =
  | { id: NodeKind; name: string; color: string; shape: NodeShape }
  | { id: 'known_fraud' | 'legit'; name: string; color: string; border: string; borderWidth: number }
  | { id: 'paid'; name: string; color: string };

/**
 * The legend of a picture (an exported PNG, the report's SVG): only the kinds and marks it shows, in the app
 * legend's order and words, so a reader is never told about things that are not there.
 */
export function legendEntries(shown: {
  kinds: Iterable<string>;
  knownFraud?: boolean;
  legit?: boolean;
  paid?: boolean;
}): LegendEntry[] {
  const kinds = new Set(shown.kinds);
  const entries: LegendEntry[] = (Object.keys(KIND_STYLES) as NodeKind[])
    .filter((k) => kinds.has(k))
    .map((k) => ({ id: k, name: KIND_STYLES[k].name, color: KIND_STYLES[k].color, shape: KIND_STYLES[k].shape }));
  const account = KIND_STYLES.account.color;
  if (shown.knownFraud) {
    entries.push({
      id: 'known_fraud',
      name: `${FRAUD_MARK} Known fraud`,
      color: account,
      border: FRAUD_BORDER.color,
      borderWidth: 3,
    });
  }
  if (shown.legit)
    entries.push({ id: 'legit', name: 'Known legit', color: account, border: LEGIT_BORDER, borderWidth: 2.5 });
  if (shown.paid) entries.push({ id: 'paid', name: 'Money paid', color: PAYMENT_COLOR });
  return entries;
}

/** The first corner's angle of each polygon shape (as Cytoscape draws them); null for the round shapes. */
const POLYGONS: Record<NodeShape, { sides: number; turn: number } | null> = {
  ellipse: null,
  'round-rectangle': null,
  diamond: { sides: 4, turn: -Math.PI / 2 },
  hexagon: { sides: 6, turn: 0 },
  'round-triangle': { sides: 3, turn: -Math.PI / 2 },
  pentagon: { sides: 5, turn: -Math.PI / 2 },
  octagon: { sides: 8, turn: Math.PI / 8 },
};

/**
 * The corners of a polygon shape of radius `r` around (cx, cy), for swatches and pictures drawn outside Cytoscape
 * (SVG in the app and the report, a canvas for the PNG); null for an ellipse or a round rectangle.
 */
export function shapePoints(shape: NodeShape, cx: number, cy: number, r: number): Array<[number, number]> | null {
  const p = POLYGONS[shape];
  if (!p) return null;
  return Array.from({ length: p.sides }, (_, i) => {
    const a = p.turn + (2 * Math.PI * i) / p.sides;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}
