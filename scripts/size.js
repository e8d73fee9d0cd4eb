#!/usr/bin/env node
// Bundle-size budget (in place of size-limit, whose current release needs Node 22): what
// `import * from 'echo-kit'` adds to a browser app, minified and gzipped, with react and
// Automerge left out (the app pays for those anyway) and everything else counted (tweetnacl,
// qrcode.react and echo-kit itself). Reads the built dist/browser, so run `npm run build` first.
//
//   node scripts/size.js           prints the figure; exit 1 when it is over BUDGET_BYTES
//   node scripts/size.js --json    the same as one JSON line (used by the benchmark report)
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Set from the first measured figure (64.8 kB on 2026-11-30) plus about 8 % room. */
export const BUDGET_BYTES = 70 * 1024
/** The long-term goal the benchmark reports against. */
export const GOAL_BYTES = 30 * 1024

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const result = await build({
  stdin: { contents: `export * from './dist/browser/index.js'`, resolveDir: root, loader: 'js' },
  bundle: true,
  write: false,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@automerge/*'],
  logLevel: 'error',
})
const code = result.outputFiles.map((f) => f.contents)
const minified = code.reduce((n, c) => n + c.length, 0)
const gzip = code.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0)
const kB = (n) => `${(n / 1024).toFixed(1)} kB`
const over = gzip > BUDGET_BYTES
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ minified, gzip, budget: BUDGET_BYTES, goal: GOAL_BYTES }))
} else {
  console.log(`size: echo-kit (browser, minified ${kB(minified)}) is ${kB(gzip)} gzip; budget ${kB(BUDGET_BYTES)}, goal ${kB(GOAL_BYTES)}`)
  if (over) console.error(`size: over budget by ${kB(gzip - BUDGET_BYTES)}: find what grew (esbuild --metafile) or raise BUDGET_BYTES with a reason`)
}
process.exit(over ? 1 : 0)
