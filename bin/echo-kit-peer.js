#!/usr/bin/env node
// `echo-kit-peer`: the always-on peer. The installed package runs the built JavaScript
// (dist/node/server/peer/peerCli.js) with plain node; in a source checkout (src/ next to bin/,
// tsx installed as a devDependency) it runs the TypeScript sources, so tests never run a stale
// build. Either way it runs in this process: the PID a supervisor sees is the peer's.
import { existsSync } from 'node:fs'

const sources = new URL('../src/server/peer/peerCli.ts', import.meta.url)
let cli
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import(sources.href)
} else {
  cli = await import('../dist/node/server/peer/peerCli.js')
}
const code = await cli.runPeerCli(process.argv.slice(2))
process.exitCode = code
// Nothing should be left running, but a stray handle must not keep a stopped peer alive.
setTimeout(() => process.exit(code), 2_000).unref()
