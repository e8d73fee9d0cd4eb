#!/usr/bin/env node
// The always-on peer. echo-kit ships TypeScript sources; tsx's loader lets plain `node` run them
// in this same process, so the PID a supervisor sees is the peer's and SIGTERM reaches it.
import { register } from 'tsx/esm/api'

register()
const { runPeerCli } = await import('../src/server/peer/peerCli.ts')
const code = await runPeerCli(process.argv.slice(2))
process.exitCode = code
// Nothing should be left running, but a stray handle must not keep a stopped peer alive.
setTimeout(() => process.exit(code), 2_000).unref()
