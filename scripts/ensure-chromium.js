#!/usr/bin/env node
// Browser tests need Debian's Chromium (Playwright must never download a browser here).
// Installs it with apt when missing and we are root; otherwise says exactly what to do.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot) {
  console.error(`Chromium not found at ${path}. Install it: sudo apt-get install -y chromium`)
  process.exit(1)
}
console.log('Installing Chromium from apt (once)...')
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
