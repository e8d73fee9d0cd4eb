#!/usr/bin/env node
// The cross-process signaling tests start a real redis-server (Debian's package) on a loopback
// port. Installs it with apt when missing and we are root; otherwise says exactly what to do.
import { execSync, spawnSync } from 'node:child_process'

if (spawnSync('sh', ['-c', 'command -v redis-server']).status === 0) process.exit(0)
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot) {
  console.error('redis-server not found. Install it: sudo apt-get install -y redis-server')
  process.exit(1)
}
console.log('Installing redis-server from apt (once)...')
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server', { stdio: 'inherit' })
