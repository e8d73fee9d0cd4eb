#!/usr/bin/env node
// `npm run check:package`: the package as consumers get it. Builds and packs once, then checks
//   - the tarball holds dist JavaScript, .d.ts, bin, README and LICENSE, and no .ts sources;
//   - the browser build imports no Node-only module (fs, ws, node-datachannel, node: builtins,
//     automerge-repo's file storage) and no full Automerge entry (its wasm loader needs bundler
//     config; the browser build initialises the slim one itself);
//   - publint (--strict) and @arethetypeswrong/cli (ESM-only profile) report nothing;
//   - the gzip size budget (scripts/size.js).
// Exit 1 with one line per failure.
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
for (const must of ['package.json', 'README.md', 'LICENSE', 'bin/echo-kit-signal.js', 'bin/echo-kit-peer.js', 'bin/loadCli.js', 'dist/browser/index.js', 'dist/node/index.js', 'dist/node/server/cli.js', 'dist/node/server/peer/peerCli.js', 'dist/styles.css', 'dist/types/index.d.ts']) {
  if (!files.includes(must)) failures.push(`tarball lacks ${must}`)
}
const stray = files.filter((f) => !/^(package\.json|README\.md|LICENSE|bin\/|dist\/(browser|node|types)\/|dist\/styles\.css$)/.test(f))
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
run('attw', bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css'])
run('size budget', process.execPath, [join(root, 'scripts/size.js')])

if (failures.length) {
  for (const f of failures) console.error(`check-package: ${f}`)
  process.exit(1)
}
console.log('check-package: ok')
