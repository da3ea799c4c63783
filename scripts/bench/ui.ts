// UI benchmark: renderer bundle size, time to render 500 stores (the list alone, and from
// navigation start), a 500-store re-render, and storeUpdated → DOM latency, in Debian's Chromium
// against the built renderer served by the real serve host over STAND-IN services. The timings
// use the bench build (out/bench/renderer, with the bench hooks); the bundle size is the
// product's build (out/renderer), which has none.
// Run: npx tsx scripts/bench/ui.ts [--stores 500] [--loads 5] [--rerenders 3] [--events 50]
// [--renderer-dir DIR]: an already built renderer with the bench hooks (e.g. an older commit's,
// for an A/B run), timed and sized as it is
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startServeHost } from '../../src-main/serve/serve-host';
import {
  buildAppIfStale,
  buildBenchRendererIfStale,
  RENDERER_DIR,
} from '../../e2e/support/build-renderer';
import { median, percentile } from './stats';
import { rendererFilesContaining, rendererJsSize } from './ui-bundle-size';
import { measureEventLatency } from './ui-event-latency';
import { measureFirstLogLine, standInLogLines } from './ui-log-latency';
import { timeListRender, type RenderTiming } from './ui-render-time';
import { BENCH_CONTEXT, benchStandInServices } from './ui-stand-in-services';

/** The global the bench hook sets: found in the bench build only. */
const BENCH_ONLY_TEXT = 'storefleetBench';
const TARGETS = { gzipKb: 300, renderMs: 150, eventP50Ms: 100, firstLogLineP50Ms: 500 };
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const round = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: '500' },
      loads: { type: 'string', default: '5' },
      rerenders: { type: 'string', default: '3' },
      events: { type: 'string', default: '50' },
      'renderer-dir': { type: 'string' },
    },
  });
  const storeCount = Number(values.stores);
  const loads = Number(values.loads);
  const rerenders = Number(values.rerenders);
  const events = Number(values.events);

  const given = values['renderer-dir'];
  if (given === undefined) await buildAppIfStale(log);
  const size = await rendererJsSize(given ?? RENDERER_DIR);
  if (given === undefined) {
    // The bench hooks must not ship: the product's build may not contain them.
    const leaked = await rendererFilesContaining(RENDERER_DIR, BENCH_ONLY_TEXT);
    if (leaked.length > 0) {
      throw new Error(
        `the product's renderer build contains ${BENCH_ONLY_TEXT}: ${leaked.join(', ')}`,
      );
    }
  }
  const rendererDir = given ?? (await buildBenchRendererIfStale(log));

  const { services, stores } = benchStandInServices(storeCount);
  standInLogLines(services);
  const host = await startServeHost({ services, rendererDir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const timings: RenderTiming[] = [];
    for (let i = 0; i < loads; i++) {
      const t = await timeListRender(browser, host.url, BENCH_CONTEXT, stores, rerenders);
      timings.push(t);
      log(
        `[bench] load ${i + 1}/${loads}: ${JSON.stringify(t, (_, v: unknown) => (typeof v === 'number' ? round(v) : v))}`,
      );
    }
    const known = (pick: (t: RenderTiming) => number | null): number[] =>
      timings.map(pick).filter((n): n is number => n !== null);
    const phase = (pick: (t: RenderTiming) => number | null): number => round(median(known(pick)));
    const listMs = known((t) => t.listRenderMs);
    if (listMs.length < timings.length) throw new Error('the page never set the snapshot mark');
    const rerenderMs = timings.flatMap((t) => t.rerenderMs);
    const navMs = timings.map((t) => t.navigationToRowsMs);
    const scrollMs = timings.map((t) => t.scrollToEndMs);
    // The newest store is the first row, on screen.
    const target = stores[stores.length - 1];
    if (!target) throw new Error('no stores to update');
    const latency = await measureEventLatency(
      browser,
      host.url,
      services,
      target,
      events,
      storeCount,
    );
    const firstLogLine = await measureFirstLogLine(browser, host.url, target, 20);
    const firstLogP50 = round(median(firstLogLine));
    const gzipKb = round(size.gzipBytes / 1024);
    const listMedian = round(median(listMs));
    const rerenderMedian = round(median(rerenderMs));
    const eventP50 = round(median(latency.emitToDomMs));
    const report = {
      loadAverage: loadavg().map(round),
      rendererDir,
      stand_in:
        'services are the IPC stand-in (fake-services) seeded with stores; browser is /usr/bin/chromium',
      bundle: {
        dir: given ?? RENDERER_DIR,
        files: size.files,
        rawKb: round(size.rawBytes / 1024),
        gzipKb,
        targetGzipKb: TARGETS.gzipKb,
        ok: gzipKb <= TARGETS.gzipKb,
      },
      listRender: {
        what: 'snapshot handed to the zustand store → next frame after React committed the list (it draws the rows in view and counts all of them)',
        stores: storeCount,
        samplesMs: listMs.map(round),
        medianMs: listMedian,
        commitMedianMs: phase((t) => t.listCommitMs),
        targetMs: TARGETS.renderMs,
        ok: listMedian <= TARGETS.renderMs,
      },
      rerender: {
        what: 'every store replaced by an updated copy with another status → next frame',
        stores: storeCount,
        samplesMs: rerenderMs.map(round),
        medianMs: rerenderMedian,
      },
      scrollToEnd: {
        what: 'list scrolled from its top to its end → next frame, the last rows drawn',
        samplesMs: scrollMs.map(round),
        medianMs: round(median(scrollMs)),
      },
      navigationToRows: {
        what: 'cold load: navigation start → the list drawn (load, parse, socket, round trips, render)',
        samplesMs: navMs.map(round),
        medianMs: round(median(navMs)),
        phaseMediansMs: {
          domContentLoaded: phase((t) => t.domContentLoadedMs),
          socketOpen: phase((t) => t.socketOpenMs),
          snapshotApplied: phase((t) => t.snapshotAppliedMs),
        },
      },
      eventLatency: {
        events,
        emitToDomP50Ms: eventP50,
        emitToDomP95Ms: round(percentile(latency.emitToDomMs, 95)),
        emitToReportP50Ms: round(median(latency.emitToReportMs)),
        targetP50Ms: TARGETS.eventP50Ms,
        ok: eventP50 <= TARGETS.eventP50Ms,
      },
      firstLogLine: {
        what: 'Logs tab clicked → first log line in the DOM (subscribe over the socket, the stand-in sends a tail at once; no cluster)',
        samplesMs: firstLogLine.map(round),
        p50Ms: firstLogP50,
        targetP50Ms: TARGETS.firstLogLineP50Ms,
        ok: firstLogP50 <= TARGETS.firstLogLineP50Ms,
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await browser.close();
    await host.close();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
