import { defineConfig } from '@playwright/test';

// Debian's Chromium: the browser Playwright would download cannot be fetched on these machines.
const chromium = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};

export default defineConfig({
  // One cluster and one serve host per worker: specs share them and run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  globalSetup: './support/global-setup.ts',
  use: {
    launchOptions: chromium,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'off',
  },
  projects: [
    { name: 'browser', testDir: './browser' },
    { name: 'electron', testDir: './electron' },
  ],
});
