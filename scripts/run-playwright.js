#!/usr/bin/env node
// Browser tests: `npx playwright test` in Debian's Chromium (see playwright.config.ts).
// Never downloads a browser, and exits with Playwright's exit code. Extra arguments are passed
// through, e.g. `node scripts/run-playwright.js e2e/demo.spec.ts --headed`.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Run: node scripts/ensure-chromium.js (or sudo apt-get install -y chromium)`)
  process.exit(1)
}

const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CHROMIUM_PATH: chromium }
// WebRTC tests must stay on loopback: as root, run everything in a network namespace whose
// only interface is `lo` (so no candidate on another interface is ever gathered).
const args = ['--no-install', 'playwright', 'test', ...process.argv.slice(2)]
const canUnshare = process.getuid?.() === 0 && process.env.ECHO_NO_NETNS !== '1' && spawnSync('unshare', ['-n', 'true']).status === 0 && spawnSync('sh', ['-c', 'command -v ip']).status === 0
const child = canUnshare
  ? spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', 'npx', ...args], { cwd: root, env, stdio: 'inherit' })
  : spawn('npx', args, { cwd: root, env, stdio: 'inherit' })
if (!canUnshare) console.warn('note: not root or unshare unavailable; browser tests run outside a loopback-only namespace')

const forward = (signal) => () => child.kill(signal)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('error', (error) => {
  console.error(`could not run playwright: ${error.message}`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(`playwright stopped by ${signal}`)
    process.exit(1)
  }
  process.exit(code ?? 1)
})
