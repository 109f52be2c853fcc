/**
 * One colour and shape per node kind from the Okabe–Ito palette (distinguishable with every common form of colour
 * blindness, and each kind also has its own shape, so colour is never the only cue), and the known-fraud and payment
 * marks: shared by the graph's stylesheet, its legend and every panel that shows a kind swatch.
 */
import type { NodeKind } from '@contracts/vocabulary.ts';

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
