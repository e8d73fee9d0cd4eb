#!/usr/bin/env node
// `npm run check:package`: the package as consumers get it. Builds and packs once, then checks
//   - the tarball holds dist JavaScript, .d.ts, bin, README and LICENSE, and no .ts sources;
//   - the browser build imports no Node-only module (fs, ws, node-datachannel, node: builtins,
//     automerge-repo's file storage) and no full Automerge entry (its wasm loader needs bundler
//     config; the browser build initialises the slim one itself);
//   - publint (--strict) and @arethetypeswrong/cli (ESM-only profile) report nothing;
//   - the gzip size budget (scripts/size.js);
//   - devtools stay out of `echo-kit`: bundling dist/browser/index.js with everything it can
//     load (dynamic imports too) contains no devtools code, and `echo-kit/devtools` loads its
//     panel lazily (the panel's code is not in the devtools entry's eager graph).
// Exit 1 with one line per failure.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { packPackage } from './pack.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const failures = []
const { tarball, files, size } = packPackage()
console.log(`check-package: ${tarball} (${files.length} files, ${(size / 1024).toFixed(0)} kB)`)

const sources = files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !/\.d\.(ts|mts|cts)$/.test(f))
if (sources.length) failures.push(`tarball ships TypeScript sources: ${sources.slice(0, 5).join(', ')}`)
for (const must of ['package.json', 'README.md', 'LICENSE', 'bin/echo-kit-signal.js', 'bin/echo-kit-peer.js', 'bin/loadCli.js', 'dist/browser/index.js', 'dist/node/index.js', 'dist/node/server/cli.js', 'dist/node/server/peer/peerCli.js', 'dist/styles.css', 'dist/devtools.css', 'dist/browser/devtools/index.js', 'dist/node/devtools/index.js', 'dist/types/devtools/index.d.ts', 'dist/types/index.d.ts']) {
  if (!files.includes(must)) failures.push(`tarball lacks ${must}`)
}
const stray = files.filter((f) => !/^(package\.json|README\.md|LICENSE|bin\/|dist\/(browser|node|types)\/|dist\/(styles|devtools)\.css$)/.test(f))
if (stray.length) failures.push(`tarball ships files outside dist/bin/README/LICENSE: ${stray.slice(0, 5).join(', ')}`)

const NODE_ONLY = /^(node:|fs$|path$|os$|ws$|node-datachannel|@automerge\/automerge-repo-storage-nodefs|@automerge\/automerge$|@automerge\/automerge-repo$)/
const browserDir = join(root, 'dist/browser')
for (const entry of readdirSync(browserDir, { recursive: true })) {
  if (!String(entry).endsWith('.js')) continue
  const text = readFileSync(join(browserDir, String(entry)), 'utf8')
  for (const match of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)"([^"]+)"/g)) {
    if (NODE_ONLY.test(match[1])) failures.push(`dist/browser/${entry} imports '${match[1]}'`)
  }
}

function run(label, command, args) {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'pipe', encoding: 'utf8' })
    console.log(`check-package: ${label} ok`)
  } catch (error) {
    failures.push(`${label} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  }
}
const bin = (name) => join(root, 'node_modules/.bin', name)
run('publint', bin('publint'), ['run', tarball, '--strict'])
// styles.css is a stylesheet export: nothing for TypeScript to resolve there.
run('attw', bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css', './devtools.css'])
run('size budget', process.execPath, [join(root, 'scripts/size.js')])
await checkDevtoolsSplit()

/**
 * Strings only the devtools panel has (its parts' names): none may be in what `echo-kit`
 * loads, eagerly or lazily; the devtools entry has its toggle eagerly and its panel lazily.
 */
async function checkDevtoolsSplit() {
  const PANEL = 'devtools-tabpanel'
  const TOGGLE = 'devtools-toggle'
  const bundle = async (entry, splitting) => {
    const result = await build({
      entryPoints: [join(root, entry)],
      bundle: true,
      write: false,
      splitting,
      outdir: join(root, '.tmp/devtools-split'),
      format: 'esm',
      platform: 'browser',
      external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@automerge/*', 'tweetnacl', 'qrcode.react', 'jsqr'],
      logLevel: 'error',
    })
    return result.outputFiles
  }
  // No splitting: dynamic imports are inlined, so this is everything `echo-kit` can ever load.
  const main = (await bundle('dist/browser/index.js', false)).map((f) => f.text).join('\n')
  for (const marker of [PANEL, TOGGLE]) if (main.includes(marker)) failures.push(`echo-kit (dist/browser/index.js) contains devtools code ('${marker}'): something in the main entry imports src/devtools`)
  const [entry, ...lazy] = await bundle('dist/browser/devtools/index.js', true)
  if (!entry.text.includes(TOGGLE)) failures.push('echo-kit/devtools lacks its toggle')
  if (entry.text.includes(PANEL)) failures.push('echo-kit/devtools loads its panel eagerly: it must stay behind a dynamic import')
  if (!lazy.some((f) => f.text.includes(PANEL))) failures.push('echo-kit/devtools has no lazily loaded panel chunk')
  if (!failures.some((f) => f.includes('devtools'))) console.log('check-package: devtools split ok (not in echo-kit; panel lazy)')
}

if (failures.length) {
  for (const f of failures) console.error(`check-package: ${f}`)
  process.exit(1)
}
console.log('check-package: ok')
