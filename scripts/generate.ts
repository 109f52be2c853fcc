/**
 * `npm run generate -- [options]`: writes a synthetic marketplace with planted fraud rings and its ground truth, made
 * by one of seven independent generators (server/generate, the default; the typology catalogue of server/scenarios;
 * the online shop's event log of server/scenarios-shop; the P2P payments wallet of server/scenarios-wallet; the online
 * sportsbook of server/scenarios-sportsbook; the ride-hailing and food-delivery app of server/scenarios-rides; the
 * short-term lodging marketplace of server/scenarios-stays).
 * Exit codes: 0 written, 1 failed (e.g. cannot write the output folder), 2 bad usage.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { generateDataset } from '../server/generate/dataset.ts';
import type { ScenarioSummary } from '../server/generate/scenario-files.ts';
import { CATALOGUE_MAX_ACCOUNTS, generateCatalogue } from '../server/scenarios/catalogue.ts';
import { generateShop, SHOP_MAX_ACCOUNTS } from '../server/scenarios-shop/shop.ts';
import { generateWallet, WALLET_MAX_ACCOUNTS } from '../server/scenarios-wallet/wallet.ts';
import { generateSportsbook, SPORTSBOOK_MAX_ACCOUNTS } from '../server/scenarios-sportsbook/sportsbook.ts';
import { generateRides, RIDES_MAX_ACCOUNTS } from '../server/scenarios-rides/rides.ts';
import { generateStays, STAYS_MAX_ACCOUNTS } from '../server/scenarios-stays/stays.ts';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';
import { progress } from './lib/progress.ts';

const HELP = `Usage: npm run generate -- [options]

Writes a synthetic, reproducible marketplace with planted fraud rings:
  accounts.csv, links.csv, payments.csv   RingLens input files (load them with npm run load)
  ground-truth.json                       what was planted (never loaded; for scoring with npm run eval)

Seven generators, written independently so that detection tuned on one is judged on the others:
  marketplace   (default) clients and freelancers with five ring patterns (device farms, card sharing, IP
                rotation, identity reuse, collusion), households and crowds
  catalogue     a catalogue of fraud typologies from trust-and-safety practice, each in several sizes, timings
                and densities: device farms, card sharing, chains, controller rings, sleepers, collusion meshes,
                money-mule chains, templated identities, duplicate-account pairs, accounts tied to known fraud;
                among benign confounders: households, family cards, campus / corporate / carrier-grade NAT IPs,
                VPN exits, office and kiosk devices, generic device fingerprints, placeholder values
                (000-000-0000, test@test.com, N/A, unknown) and ordinary client-to-freelancer payments.
                At most ${CATALOGUE_MAX_ACCOUNTS} accounts (built in memory).
  shop          an online shop with a marketplace, simulated as an event log (sign-ups, sessions through home
                broadband, mobile carriers and VPNs, saved cards and addresses, orders, refunds, chargebacks) and
                written without looking at the detector (the held-out test): account takeovers, chargeback rings,
                reseller bots, promo abuse, triangulation fraud, refund-abuse pairs, blocked customers coming back;
                among households, office and campus NAT, library kiosks, default phone fingerprints, staff
                placeholders (0000000000, noemail@shop.example), parcel pickup points and gifts.
                At most ${SHOP_MAX_ACCOUNTS} accounts (built in memory).
  wallet        a P2P payments app / neobank wallet over 18 months (sign-ups with mailbox and phone, card and bank
                tokens, logins from handsets and networks, P2P transfers), also written without looking at the
                detector: money-mule networks, authorised-push-payment scam collectors, round-tripping, synthetic
                identities, duplicate accounts of banned customers (pairs), referral-bonus farms, account takeovers,
                bust-outs, cash-out crews sharing stolen cards; among households (one with a member's own
                chargeback), roommates, family cards, employers, landlords, club treasurers, popular merchants,
                carrier NAT, public wifi, corporate and privacy VPNs, campus networks, resold handsets, recycled home
                IPs, generic build fingerprints and placeholders (0000000000, none@none.com, N/A).
                At most ${WALLET_MAX_ACCOUNTS} accounts (built in memory).
  sportsbook    an online sportsbook, casino and P2P poker room over 18 months (US states and Ontario): sign-ups,
                logins from handsets, laptops and networks, deposits and withdrawals by card, e-wallet, bank and
                prepaid voucher tokens, poker hands (loser to winner) and player transfers; also written without
                looking at the detector: bonus abuse by multi-accounting, affiliate fake sign-ups, excluded or banned
                players re-registering (pairs), rented accounts used from abroad, chip dumping, poker collusion,
                stolen-card deposit rings, money laundering, matched-betting syndicates, match-fixing insiders;
                among households, flatmates, family cards, sports bars, stadium wifi, betting-shop terminals, offices,
                student halls, carrier NAT, VPN exits, staking deals, home games, high-stakes regulars, tipster
                followers, second-hand phones, recycled home IPs, generic fingerprints, an aggregator's shared token
                and placeholders (none@none.com, 0000000000, N/A). At most ${SPORTSBOOK_MAX_ACCOUNTS} accounts.
  rides         a ride-hailing and food-delivery app over 18 months (riders and eaters, drivers, couriers,
                restaurants, corporate accounts and fleets in the US, Canada and Puerto Rico): fares, food orders,
                tips, wallet transfers and fleet settlements; also written without looking at the detector: ghost
                trips, driver-account renting, referral farms, courier account farms, stolen-card orders to drop
                addresses, restaurant self-ordering, banned drivers coming back (pairs), tip laundering, rating
                rings, account takeovers, promo multi-accounting (pairs); among households (one with a member's
                chargeback), relatives sharing a car and a joint account, fleets paying drivers, corporate travel,
                dorms, restaurant staff and chains, airport and stadium wifi, carrier NAT, VPN exits, resold phones,
                recycled numbers, regular commuters, friends splitting fares, drivers who also ride, generic
                fingerprints and placeholders (000-000-0000, test@test.com, N/A). At most ${RIDES_MAX_ACCOUNTS} accounts.
  stays         a short-term lodging marketplace over 18 months (hosts and guests in the US, Canada, Puerto Rico,
                the Bahamas, Jamaica and the Dominican Republic, guests also from the UK): bookings, refunds, co-host
                fees and transfers (split bills, pay-backs); written without looking at the detector: fake-listing rings,
                stolen-card booking crews, review-boosting rings, off-platform resellers (triangulation), host
                account takeovers, payout-mule chains, banned hosts coming back (pairs), duplicate guests for promos
                (pairs); among property managers, corporate travel desks, travel agencies, co-host services,
                households (one with a chargeback), friends splitting bills, hosts with a guest account, relatives
                hosting, listing, hostel and airport wifi, carrier NAT, VPN exits, generic fingerprints, resold
                phones, recycled numbers and placeholders. At most ${STAYS_MAX_ACCOUNTS} accounts.

All identifiers are fictional: IPs from reserved ranges, 555 phone numbers, example/random mailboxes,
payment tokens instead of card numbers. The same --seed and --accounts always give byte-identical files.

Options:
  --generator <g>  marketplace, catalogue, shop, wallet, sportsbook, rides or stays (default marketplace)
  --accounts <n>   number of accounts, 1000 to 10000000 (default 10000; catalogue: at most ${CATALOGUE_MAX_ACCOUNTS},
                   shop: at most ${SHOP_MAX_ACCOUNTS}, wallet: at most ${WALLET_MAX_ACCOUNTS},
                   sportsbook: at most ${SPORTSBOOK_MAX_ACCOUNTS}, rides: at most ${RIDES_MAX_ACCOUNTS},
                   stays: at most ${STAYS_MAX_ACCOUNTS})
  --seed <n>       random seed, 0 to 4294967295 (default 1)
  --out <dir>      output folder (default .ringlens/demo/<accounts>-<seed>/, catalogue-<accounts>-<seed>/ for the
                   catalogue, shop-<accounts>-<seed>/ for the shop, wallet-<accounts>-<seed>/ for the wallet,
                   sportsbook-<accounts>-<seed>/ for the sportsbook, rides-<accounts>-<seed>/ for rides,
                   stays-<accounts>-<seed>/ for stays)
  -h, --help

Exit codes: 0 written, 1 failed, 2 bad usage.`;

const Args = z
  .object({
    generator: z
      .enum(['marketplace', 'catalogue', 'shop', 'wallet', 'sportsbook', 'rides', 'stays'], {
        error: 'must be marketplace, catalogue, shop, wallet, sportsbook, rides or stays',
      })
      .default('marketplace'),
    accounts: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1_000, 'must be at least 1000 (smaller marketplaces cannot hold every ring pattern)')
      .max(10_000_000, 'must be at most 10000000')
      .default(10_000),
    seed: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(4_294_967_295, 'must fit in 32 bits (at most 4294967295)')
      .default(1),
    out: z.string().min(1).optional(),
  })
  .refine((a) => a.generator !== 'catalogue' || a.accounts <= CATALOGUE_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${CATALOGUE_MAX_ACCOUNTS} for the catalogue generator`,
  })
  .refine((a) => a.generator !== 'shop' || a.accounts <= SHOP_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${SHOP_MAX_ACCOUNTS} for the shop generator`,
  })
  .refine((a) => a.generator !== 'wallet' || a.accounts <= WALLET_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${WALLET_MAX_ACCOUNTS} for the wallet generator`,
  })
  .refine((a) => a.generator !== 'sportsbook' || a.accounts <= SPORTSBOOK_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${SPORTSBOOK_MAX_ACCOUNTS} for the sportsbook generator`,
  })
  .refine((a) => a.generator !== 'rides' || a.accounts <= RIDES_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${RIDES_MAX_ACCOUNTS} for the rides generator`,
  })
  .refine((a) => a.generator !== 'stays' || a.accounts <= STAYS_MAX_ACCOUNTS, {
    path: ['accounts'],
    message: `must be at most ${STAYS_MAX_ACCOUNTS} for the stays generator`,
  });

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    generator: { type: 'string' },
    accounts: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  });
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const { generator, accounts, seed, out } = checkOptions(Args, parsed.values);
  if (generator !== 'marketplace')
    return scenario(generator, seed, accounts, resolve(out ?? `.ringlens/demo/${generator}-${accounts}-${seed}`));
  const outDir = resolve(out ?? `.ringlens/demo/${accounts}-${seed}`);

  const started = Date.now();
  const bar = progress('Generating', 'accounts');
  const summary = await generateDataset({ seed, accounts, outDir, onProgress: (done) => bar.update(done, accounts) });
  bar.stop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rings = Object.values(summary.rings).reduce((sum, count) => sum + count, 0);
  const patterns = Object.entries(summary.rings)
    .map(([pattern, count]) => `${pattern} ${count}`)
    .join(', ');
  console.log(
    [
      `Wrote ${outDir} in ${seconds} s (seed ${seed})`,
      `  accounts.csv   ${summary.accounts.toLocaleString('en-US')} accounts`,
      `  links.csv      ${summary.links.toLocaleString('en-US')} links`,
      `  payments.csv   ${summary.payments.toLocaleString('en-US')} payments`,
      `  ground truth   ${rings} rings (${patterns}), ${summary.ringMembers} ring members, ` +
        `${summary.households} households, ${summary.crowds} crowds`,
    ].join('\n'),
  );
  return 0;
}

/** Runs the catalogue, shop, wallet, sportsbook, rides or stays generator and prints what it wrote. */
async function scenario(
  name: 'catalogue' | 'shop' | 'wallet' | 'sportsbook' | 'rides' | 'stays',
  seed: number,
  accounts: number,
  outDir: string,
): Promise<number> {
  const started = Date.now();
  const options = { seed, accounts, outDir };
  const summary: ScenarioSummary & { events?: Record<string, number> } =
    name === 'catalogue'
      ? await generateCatalogue(options)
      : name === 'shop'
        ? await generateShop(options)
        : name === 'wallet'
          ? await generateWallet(options)
          : name === 'sportsbook'
            ? await generateSportsbook(options)
            : name === 'rides'
              ? await generateRides(options)
              : await generateStays(options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, count]) => `${key} ${count}`)
      .join(', ');
  const groups = Object.values(summary.groups).reduce((sum, count) => sum + count, 0);
  console.log(
    [
      `Wrote ${outDir} in ${seconds} s (${name} generator, seed ${seed})`,
      `  accounts.csv   ${summary.accounts.toLocaleString('en-US')} accounts`,
      `  links.csv      ${summary.links.toLocaleString('en-US')} links`,
      `  payments.csv   ${summary.payments.toLocaleString('en-US')} payments`,
      ...(summary.events ? [`  event log      ${list(summary.events)}`] : []),
      `  ground truth   ${groups} planted groups with ${summary.fraudAccounts} accounts (${list(summary.groups)})`,
      `                 confounders: ${list(summary.confounders)}`,
    ].join('\n'),
  );
  return 0;
}

runMain(() => main(process.argv.slice(2)), { failed: 'Generation failed', exitCodes: [1, 2] });
