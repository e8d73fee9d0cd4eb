#!/usr/bin/env node
// `echo-kit-signal`: the signaling server CLI (src/server/cli.ts; see loadCli.js for how it loads).
import { loadCli } from './loadCli.js'

const cli = await loadCli('server/cli')
await cli.main()
