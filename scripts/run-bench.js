#!/usr/bin/env node
// `npm run bench`: the benchmark suite. As root it runs in a loopback-only network namespace
// (the browser and WebRTC benchmarks must not touch any other interface).
import { spawn, spawnSync } from 'node:child_process'

const args = ['--expose-gc', '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)]
const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0 && spawnSync('sh', ['-c', 'command -v ip']).status === 0
const child = canUnshare
  ? spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...args], { stdio: 'inherit' })
  : spawn(process.execPath, args, { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 1))
