// What the fraud scenarios share: the typology names of the shop generator, what a planted group records for the
// ground truth, and the context every scenario acts in.
import type { Person } from './background.ts';
import type { Dice } from './random.ts';
import type { AccountType, ShopWorld } from './shop-world.ts';

export const SHOP_TYPOLOGIES = [
  'account_takeover',
  'chargeback_ring',
  'reseller_bot',
  'promo_abuse',
  'triangulation',
  'refund_abuse_pair',
  'chargeback_reentry',
] as const;
export type ShopTypology = (typeof SHOP_TYPOLOGIES)[number];

export interface Planted {
  typology: ShopTypology;
  members: number[];
  knownFraud: number[];
  variant: Record<string, string>;
}

export interface Ctx {
  world: ShopWorld;
  dice: Dice;
  /** Honest customers by account, for scenarios that act on them (victims, innocent buyers). */
  people: ReadonlyMap<number, Person>;
}

/** Opens an account a fraudster controls. */
export function openFraudAccount(
  ctx: Ctx,
  typology: ShopTypology,
  createdAt: number,
  type: AccountType = 'customer',
): number {
  return ctx.world.addAccount(createdAt, type, typology);
}

/** Blocks an account as the shop does after losing chargebacks on it. */
export function block(ctx: Ctx, account: number): void {
  Object.assign(ctx.world.accounts[account]!, { status: 'blocked', label: 'known_fraud' });
}
