/**
 * Graph view rendering in headless Chromium: time to lay out (fCoSE) and draw a 2,000-element neighbourhood, and
 * frames per second while panning a 10,000-element view, with Cytoscape's canvas renderer and its WebGL mode
 * (`renderer: { name: 'canvas', webgl: true }`, Cytoscape 3.31+).
 *
 *   npx tsx bench/ui-render.ts [--layout-elements 2000] [--pan-elements 10000] [--pan-seconds 4] [--repeats 3]
 *   npx tsx bench/ui-render.ts --click-to-frame [--sizes 12,50,200] [--repeats 5]
 *
 * `--click-to-frame` measures instead the time to a drawn ring as the user sees it — click on a queue row to the
 * settled frame — in the real app, for rings of each size, with both renderers (bench/ui-render/click-to-frame.ts;
 * it starts the project's test Neo4j: export NEO4J_TEST_BOLT_PORT etc. as for the tests).
 *
 * The harness (bench/ui-render/) uses the app's own stylesheet and layout options on a seeded synthetic graph of
 * accounts and shared identifiers. Headless Chromium has no GPU here: WebGL runs on SwiftShader (software), so the
 * WebGL figures are a floor, not what a workstation GPU gives.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { recordResults } from './record.ts';
import type { LayoutTiming } from './ui-render/harness.ts';
import { clickTable, measureClickToFrame } from './ui-render/click-to-frame.ts';

const { values } = parseArgs({
  options: {
    'layout-elements': { type: 'string', default: '2000' },
    'pan-elements': { type: 'string', default: '10000' },
    'pan-seconds': { type: 'string', default: '4' },
    repeats: { type: 'string', default: '3' },
    'click-to-frame': { type: 'boolean', default: false },
    sizes: { type: 'string', default: '12,50,200' },
  },
});
const opts = {
  layoutElements: Number(values['layout-elements']),
  panElements: Number(values['pan-elements']),
  panSeconds: Number(values['pan-seconds']),
  repeats: Number(values.repeats),
};

type Mode = 'canvas' | 'canvas-viewport' | 'webgl';

interface ModeResult {
  layouts: LayoutTiming[];
  pans: Array<{ fps: number; frames: number; nodes: number; edges: number }>;
}

/** Drags the canvas in a slow zig-zag for `seconds` while the page counts frames. */
async function dragFor(page: Page, seconds: number): Promise<{ fps: number; frames: number }> {
  await page.mouse.move(700, 450);
  await page.mouse.down();
  await page.evaluate(() => window.uiBench.startCounting());
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const phase = (i++ % 80) / 80;
    await page.mouse.move(700 + 250 * Math.sin(phase * 2 * Math.PI), 450 + 120 * Math.cos(phase * 2 * Math.PI));
  }
  const r = await page.evaluate(() => window.uiBench.stopCounting());
  await page.mouse.up();
  return r;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'ringlens-ui-bench-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'ringlens-ui-bench-profile-'));
  let server: Server | undefined;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    await build({
      configFile: false,
      root: resolve('bench/ui-render'),
      resolve: { alias: { '@contracts': resolve('contracts') } },
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true },
    });
    const app = express();
    app.use(express.static(out));
    server = await new Promise<Server>((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    context = await chromium.launchPersistentContext(userDataDir, {
      headless: true,
      viewport: { width: 1400, height: 900 },
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--no-first-run',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
      ],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => window.uiBench !== undefined);
    const webgl2 = await page.evaluate(() => window.uiBench.webgl2);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const modes: Mode[] = webgl2 ? ['canvas', 'canvas-viewport', 'webgl'] : ['canvas', 'canvas-viewport'];
    const results = new Map<Mode, ModeResult>();
    for (const mode of modes) {
      const m: ModeResult = { layouts: [], pans: [] };
      for (let i = 0; i < opts.repeats; i++) {
        console.log(`${mode}: layout run ${i + 1}`);
        m.layouts.push(
          await page.evaluate(([md, n]) => window.uiBench.layoutRun(md, n), [mode, opts.layoutElements] as const),
        );
      }
      for (let i = 0; i < opts.repeats; i++) {
        console.log(`${mode}: pan run ${i + 1}`);
        const size = await page.evaluate(([md, n]) => window.uiBench.preparePan(md, n), [
          mode,
          opts.panElements,
        ] as const);
        m.pans.push({ ...(await dragFor(page, opts.panSeconds)), ...size });
      }
      results.set(mode, m);
    }
    if (errors.length) throw new Error(`The harness failed: ${errors.join('; ')}`);
    const names: Record<Mode, string> = {
      canvas: 'canvas renderer (the app where WebGL2 is missing, or with `?renderer=canvas`)',
      'canvas-viewport': 'canvas + textureOnViewport, hideEdgesOnViewport',
      webgl: '**WebGL mode (the app’s default where WebGL2 exists)**, SwiftShader here',
    };
    const rows: string[] = [];
    for (const mode of ['canvas', 'canvas-viewport', 'webgl'] as const) {
      const m = results.get(mode);
      if (!m) {
        rows.push(`| ${names[mode]} | unavailable (no WebGL2 context) | | |`);
        continue;
      }
      const l = m.layouts[0]!;
      const med = (f: (x: ModeResult['layouts'][number]) => number) => median(m.layouts.map(f)).toFixed(0);
      const p = m.pans[0]!;
      rows.push(
        `| ${names[mode]} | ${median(m.layouts.map((x) => x.ms)).toFixed(0)} ms (${l.nodes} nodes + ${l.edges} edges; ` +
          `median add ${med((x) => x.addMs)} + layout ${med((x) => x.layoutMs)} + draw ${med((x) => x.drawMs)} ms; ` +
          `mounting the view beforehand ${med((x) => x.mountMs)} ms) | ` +
          `${median(m.pans.map((x) => x.fps)).toFixed(1)} fps (${p.nodes} nodes + ${p.edges} edges) | ` +
          `${m.layouts.map((x) => x.ms.toFixed(0)).join(' / ')} ms; ${m.pans.map((x) => x.fps.toFixed(1)).join(' / ')} fps |`,
      );
    }
    const body = [
      `Headless Chromium (${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}), 1400×900 viewport, no GPU; the app's stylesheet and fCoSE options on a seeded synthetic graph of accounts and shared identifiers (bench/ui-render/harness.ts). Render time as in the app: the graph view's Cytoscape instance already exists (mounted, timed apart), and the clock runs from adding the elements to the frame that shows the fCoSE layout. Panning is a real mouse drag (playwright) while the page counts animation frames. Median of ${opts.repeats} runs.`,
      '',
      `| renderer | lay out + draw a ${opts.layoutElements}-element neighbourhood (fCoSE, no animation) | dragging a ${opts.panElements}-element view for ${opts.panSeconds} s (frames per second) | all runs |`,
      '| --- | --- | --- | --- |',
      ...rows,
      '',
      `Load average when the run ended: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} on ${cpus().length} cores (runs on a busy machine scatter; compare the per-run figures).`,
      'Most of the render time is fCoSE itself (its CoSE phase runs at least 5 iterations per node), so the renderer barely changes it; the app uses the renderer that pans faster. Labels are below `min-zoomed-font-size` at the fitted zoom, so panning draws shapes and edges only. WebGL runs on SwiftShader (CPU) here, so its figure is a floor for a machine with a GPU.',
    ].join('\n');
    console.log(body);
    recordResults(
      'ui-render',
      'Graph view: layout and panning in headless Chromium',
      `npx tsx bench/ui-render.ts --layout-elements ${opts.layoutElements} --pan-elements ${opts.panElements} --pan-seconds ${opts.panSeconds} --repeats ${opts.repeats}`,
      body,
    );
  } finally {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    rmSync(out, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function clickToFrame(): Promise<void> {
  const sizes = values.sizes!.split(',').map(Number);
  const r = await measureClickToFrame({ sizes, repeats: opts.repeats, log: (l) => console.log(l) });
  const body = clickTable(r);
  console.log(body);
  recordResults(
    'ui-click',
    'Time to a drawn ring: click on a queue row to the settled frame',
    `npx tsx bench/ui-render.ts --click-to-frame --sizes ${sizes.join(',')} --repeats ${opts.repeats}`,
    body,
  );
  process.exit(0);
}

(values['click-to-frame'] ? clickToFrame() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
