#!/usr/bin/env node
// `echo-kit-peer`: the always-on peer (src/server/peer/peerCli.ts; see loadCli.js for how it loads).
import { loadCli } from './loadCli.js'

const cli = await loadCli('server/peer/peerCli')
const code = await cli.runPeerCli(process.argv.slice(2))
process.exitCode = code
// Nothing should be left running, but a stray handle must not keep a stopped peer alive.
setTimeout(() => process.exit(code), 2_000).unref()
