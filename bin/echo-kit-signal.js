#!/usr/bin/env node
// echo-kit ships TypeScript sources; tsx's loader lets plain `node` run them in this same
// process, so the PID a supervisor sees is the server's and SIGTERM reaches it directly.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/server/cli.ts')
await main()
