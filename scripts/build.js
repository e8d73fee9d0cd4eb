#!/usr/bin/env node
// `npm run build`: the package's dist/ from src/ (esbuild for the JavaScript, tsc for the types).
//
//   dist/browser/  ESM for browsers and browser bundlers (`browser` / `default` export
//                  conditions). Node-only files are swapped for their `*.browser.ts` siblings
//                  (src/storage/nodeFsStorage.ts, src/p2p/importNodeOnly.ts), so no `fs`, `ws`
//                  or node-datachannel reaches a page. Automerge is imported through its `/slim`
//                  entries and its wasm is initialised by the package itself from the base64
//                  module (loaded as a separate chunk): no bundler plugin, no optimizeDeps line,
//                  the same code in Vite dev, Vite build, webpack 5 and Next.js.
//   dist/node/     ESM for Node (`node` condition): `ws` and node-datachannel are imported on
//                  first use (optional deps). Automerge is initialised the same way as in the
//                  browser build: its Node entry reads the .wasm through a path relative to
//                  import.meta.url, which server bundlers (Next.js) rewrite and break, while the
//                  base64 module survives any bundler. Also the `echo-kit-signal` CLI
//                  (bin/echo-kit-signal.js runs it).
//   dist/types/    .d.ts from tsconfig.build.json (one set for both builds).
//   dist/devtools.css  copied from src/devtools/devtools.css (the `echo-kit/devtools.css` export).
//   dist/styles.css  copied from src/ui/styles.css when that file exists; add
//                  `"./styles.css": "./dist/styles.css"` to package.json `exports` (and
//                  `sideEffects`) in the same change that adds the file.
//
// Every package import stays external: the app's bundler resolves react and Automerge once.
import { build } from 'esbuild'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = (file) => join(root, 'src', file)
const dist = join(root, 'dist')

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  packages: 'external',
  splitting: true,
  target: 'es2022',
  tsconfig: join(root, 'tsconfig.json'),
  jsx: 'automatic',
  sourcemap: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
}

// ---------------------------------------------------------------- the browser build

/** Resolves `./x.ts` to `./x.browser.ts` when that sibling exists. */
const browserSiblings = {
  name: 'browser-siblings',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.tsx?$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path)
      const sibling = path.replace(/\.(tsx?)$/, '.browser.$1')
      return existsSync(sibling) ? { path: sibling } : undefined
    })
  },
}

/** Automerge's full entries pick a wasm loader per bundler; the slim ones leave it to us. */
const automergeSlim = {
  name: 'automerge-slim',
  setup(b) {
    b.onResolve({ filter: /^@automerge\/(automerge|automerge-repo)$/ }, (args) => ({ path: `${args.path}/slim`, external: true }))
  },
}

// One shared module with a top-level await: every browser entry imports it first, so no app
// code runs before Automerge can. An app that initialised Automerge itself (say from a wasm URL,
// the lighter route) is left alone.
const WASM_INIT = `
import { initializeBase64Wasm, isWasmInitialized } from '@automerge/automerge/slim'
if (!isWasmInitialized()) {
  const { automergeWasmBase64 } = await import('@automerge/automerge/automerge.wasm.base64')
  await initializeBase64Wasm(automergeWasmBase64)
}
`
const browserEntries = {
  name: 'entries-with-wasm-init',
  setup(b) {
    b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice('entry:'.length), namespace: 'entry' }))
    b.onResolve({ filter: /^automerge-wasm-init$/ }, () => ({ path: 'automerge-wasm-init', namespace: 'entry' }))
    b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => {
      if (args.path === 'automerge-wasm-init') return { contents: WASM_INIT, resolveDir: root, loader: 'js' }
      return { contents: `import 'automerge-wasm-init'\nexport * from ${JSON.stringify(src(args.path))}\n`, resolveDir: root, loader: 'js' }
    })
  },
}

// Only what this script writes: dist/demo (the demo's own Vite build) lives next to it.
for (const dir of ['browser', 'node', 'types']) rmSync(join(dist, dir), { recursive: true, force: true })

await build({
  ...common,
  platform: 'browser',
  outdir: join(dist, 'browser'),
  // devtools/index: its own entry (echo-kit/devtools); shares chunks (React context included) with index.
  entryPoints: { index: 'entry:index.ts', core: 'entry:core.ts', 'testing/index': 'entry:testing/index.ts', 'devtools/index': 'entry:devtools/index.ts' },
  plugins: [browserEntries, browserSiblings, automergeSlim],
})

// ---------------------------------------------------------------- the Node build

await build({
  ...common,
  platform: 'node',
  target: 'node20',
  outdir: join(dist, 'node'),
  entryPoints: {
    index: 'entry:index.ts',
    core: 'entry:core.ts',
    'testing/index': 'entry:testing/index.ts',
    'devtools/index': 'entry:devtools/index.ts',
    // The always-on peer (startPeer, echo-kit-peer) runs the engine, so these init the wasm too;
    // the signaling server CLI never runs Automerge.
    'server/index': 'entry:server/index.ts',
    'server/peer/peerCli': 'entry:server/peer/peerCli.ts',
    'server/cli': src('server/cli.ts'),
  },
  plugins: [browserEntries, automergeSlim],
})

// ---------------------------------------------------------------- types and styles

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)

// tsc keeps the sources' `.ts` import paths in declarations; consumers resolve `.js`.
rewriteDeclarationImports(join(dist, 'types'))

if (existsSync(src('ui/styles.css'))) copyFileSync(src('ui/styles.css'), join(dist, 'styles.css'))
if (existsSync(src('devtools/devtools.css'))) copyFileSync(src('devtools/devtools.css'), join(dist, 'devtools.css'))
console.log('build: dist/browser, dist/node, dist/types written')

/** Rewrites relative `./x.ts` / `./x.tsx` specifiers to `./x.js` in every .d.ts under `dir`. */
function rewriteDeclarationImports(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue
    const file = join(entry.parentPath ?? entry.path, entry.name)
    const text = readFileSync(file, 'utf8')
    const fixed = text.replace(/(['"])(\.{1,2}\/[^'"]*?)\.tsx?\1/g, '$1$2.js$1')
    if (fixed !== text) writeFileSync(file, fixed)
  }
}
