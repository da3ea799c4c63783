// UI benchmark: renderer bundle size, time to render 500 stores, and storeUpdated → DOM latency,
// in Debian's Chromium against the built renderer served by the real serve host over STAND-IN
// services. Run: npx tsx scripts/bench/ui.ts [--stores 500] [--loads 5] [--events 50]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startServeHost } from '../../src-main/serve/serve-host';
import { buildAppIfStale, RENDERER_DIR } from '../../e2e/support/build-renderer';
import { median, percentile } from './stats';
import { rendererJsSize } from './ui-bundle-size';
import { measureEventLatency } from './ui-event-latency';
import { timeRowsInDom, type RenderTiming } from './ui-render-time';
import { benchStandInServices } from './ui-stand-in-services';

const TARGETS = { gzipKb: 300, renderMs: 150, eventP50Ms: 100 };
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const round = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: '500' },
      loads: { type: 'string', default: '5' },
      events: { type: 'string', default: '50' },
    },
  });
  const storeCount = Number(values.stores);
  const loads = Number(values.loads);
  const events = Number(values.events);

  await buildAppIfStale(log);
  const size = await rendererJsSize(RENDERER_DIR);

  const { services, stores } = benchStandInServices(storeCount);
  const host = await startServeHost({ services, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const timings: RenderTiming[] = [];
    for (let i = 0; i < loads; i++) {
      const t = await timeRowsInDom(browser, host.url, storeCount);
      timings.push(t);
      log(`[bench] load ${i + 1}/${loads}: ${JSON.stringify(t)}`);
    }
    const renderMs = timings.map((t) => t.rowsInDomMs);
    const phase = (pick: (t: RenderTiming) => number | null): number =>
      round(median(timings.map(pick).filter((n): n is number => n !== null)));
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
    const gzipKb = round(size.gzipBytes / 1024);
    const renderMedian = round(median(renderMs));
    const eventP50 = round(median(latency.emitToDomMs));
    const report = {
      stand_in:
        'services are the IPC stand-in (fake-services) seeded with stores; browser is /usr/bin/chromium',
      bundle: {
        files: size.files,
        rawKb: round(size.rawBytes / 1024),
        gzipKb,
        targetGzipKb: TARGETS.gzipKb,
        ok: gzipKb <= TARGETS.gzipKb,
      },
      render: {
        stores: storeCount,
        samplesMs: renderMs.map(round),
        medianMs: renderMedian,
        phaseMediansMs: {
          domContentLoaded: phase((t) => t.domContentLoadedMs),
          socketOpen: phase((t) => t.socketOpenMs),
          firstRow: phase((t) => t.firstRowMs),
        },
        targetMs: TARGETS.renderMs,
        ok: renderMedian <= TARGETS.renderMs,
      },
      eventLatency: {
        events,
        emitToDomP50Ms: eventP50,
        emitToDomP95Ms: round(percentile(latency.emitToDomMs, 95)),
        emitToReportP50Ms: round(median(latency.emitToReportMs)),
        targetP50Ms: TARGETS.eventP50Ms,
        ok: eventP50 <= TARGETS.eventP50Ms,
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
