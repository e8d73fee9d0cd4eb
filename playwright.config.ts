import { defineConfig } from '@playwright/test'

// Browser tests in Debian's Chromium (never a downloaded browser): each browser context is one
// peer with its own IndexedDB. The demo is served by Vite on a fixed port of its own.
const PORT = 5199
const SIGNAL_PORT = 4199
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry for timing flakes on a shared machine; the list reporter marks a retried test as flaky.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--allow-loopback-in-peer-connection',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  webServer: [
    {
      // The real signaling server; the demo reaches it through Vite's /signal proxy.
      command: `node bin/echo-kit-signal.js --port ${SIGNAL_PORT} --host 127.0.0.1 --quiet`,
      url: `http://127.0.0.1:${SIGNAL_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node node_modules/vite/bin/vite.js --port ${PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}`,
      env: { ECHO_SIGNAL_PORT: String(SIGNAL_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
