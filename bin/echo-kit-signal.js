#!/usr/bin/env node
// `echo-kit-signal`: the signaling server CLI. The installed package runs the built JavaScript
// (dist/node/server/cli.js) with plain node. In a source checkout (src/ next to bin/, tsx
// installed as a devDependency) it runs the TypeScript sources instead, so the repo's own tests
// never run a stale build. Either way it runs in this process: the PID a supervisor sees is the
// server's and SIGTERM reaches it directly.
import { existsSync } from 'node:fs'

const sources = new URL('../src/server/cli.ts', import.meta.url)
let cli
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import(sources.href)
} else {
  cli = await import('../dist/node/server/cli.js')
}
await cli.main()
