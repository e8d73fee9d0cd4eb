import { chromium, expect, test, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

// The built Storybook, served from a temporary folder by a tiny static server that this file
// starts and stops: every story must render in Chromium with no console error, no failed
// request and no axe violation; and the live invitation story must work end to end through its
// UI, between two real peers (WebRTC over in-page signaling, on loopback).

const root = fileURLToPath(new URL('..', import.meta.url))
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
// Isolated stories are fragments of a page: these three page-level rules do not apply to them.
const PAGE_RULES_OFF = { region: { enabled: false }, 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } }
// Stories mostly wait (peers connecting, invitations expiring, play functions): check several at once.
const PAGES_AT_ONCE = 5

type IndexEntry = { type: 'story' | 'docs'; id: string; title: string; name: string }

let folder = ''
let server: Server | undefined
let base = ''

test.describe.configure({ mode: 'serial' })
// A trace of a hundred page loads is large and slow to record; failures name the story and the problem.
test.use({ trace: 'off' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  folder = await mkdtemp(join(tmpdir(), 'echo-kit-storybook-'))
  await run('npx', ['--no-install', 'storybook', 'build', '--output-dir', folder, '--quiet'])
  server = await serve(folder)
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  if (server) {
    server.closeAllConnections()
    await new Promise<void>((done) => server!.close(() => done()))
  }
  if (folder) await rm(folder, { recursive: true, force: true })
})

test('every story renders without console errors, failed requests or axe violations', async ({ browser }) => {
  // Every story with axe, one after another: minutes on a busy machine.
  test.setTimeout(300_000)
  const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }
  const stories = Object.values(index.entries).filter((e) => e.type === 'story')
  expect(stories.length).toBeGreaterThan(50)
  const favicon = faviconIsOurs(folder)
  const context = await browser.newContext({ permissions: ['microphone'] })
  const problems: string[] = []
  const queue = [...stories]
  const worker = async () => {
    const page = await context.newPage()
    for (let story = queue.shift(); story; story = queue.shift()) {
      const started = Date.now()
      const found = await checkStory(page, story, favicon)
      if (process.env.ECHO_STORY_TIMES) console.log(`${Date.now() - started} ms ${story.id}`)
      for (const problem of found) problems.push(`${story.id}: ${problem}`)
    }
    await page.close()
  }
  await Promise.all(Array.from({ length: PAGES_AT_ONCE }, worker))
  await context.close()
  expect(problems, `${problems.length} problem(s) in ${stories.length} stories`).toEqual([])
})

test('dialog layout: anchored near the top, the title stays put between steps, copy feedback does not shift, actions in view at 390x600', async ({ browser }) => {
  test.setTimeout(60_000)
  // Reduced motion: positions are measured, and the opening slide would move them by a few pixels.
  const context = await browser.newContext({ viewport: { width: 390, height: 600 }, reducedMotion: 'reduce', permissions: ['microphone', 'clipboard-read', 'clipboard-write'] })
  const page = await context.newPage()
  const titleTop = async () => (await page.getByRole('dialog').locator('[data-part="title"]').boundingBox())!.y
  const inView = async (selector: string) => {
    const box = (await page.getByRole('dialog').locator(selector).first().boundingBox())!
    return box.y >= 0 && box.y + box.height <= 600
  }

  await page.goto(`${base}/iframe.html?id=invitations-invitationdialog--waiting&viewMode=story`)
  const copy = page.getByRole('button', { name: 'Copy link' })
  await expect(copy).toBeVisible({ timeout: 15_000 })
  const waitingTop = await titleTop()
  expect(waitingTop).toBeLessThan(120)
  expect(await inView('[data-part="actions"]')).toBe(true)
  // The long code is behind a disclosure; the link is the main action.
  await expect(page.getByRole('dialog').locator('details[data-part="code-disclosure"]')).not.toHaveAttribute('open', '')
  await expect(copy).toHaveAttribute('data-variant', 'primary')
  const field = page.getByLabel('Invitation link', { exact: true })
  const before = [await field.boundingBox(), await copy.boundingBox()]
  await copy.click()
  await expect(page.getByRole('dialog').locator('[data-echo-copy][data-state="copied"], [data-echo-copy][data-state="failed"]')).toHaveCount(1)
  expect([await field.boundingBox(), await page.locator('[data-part="copy-link"]').boundingBox()]).toEqual(before)

  await page.goto(`${base}/iframe.html?id=invitations-invitationdialog--ready-for-auth&viewMode=story`)
  await expect(page.getByRole('img', { name: /^Authorization code [\d ]+$/ })).toBeVisible({ timeout: 15_000 })
  expect(await titleTop()).toBe(waitingTop)
  expect(await inView('[data-part="actions"]')).toBe(true)

  await page.goto(`${base}/iframe.html?id=invitations-joindialog--ready-for-auth&viewMode=story`)
  await expect(page.getByRole('textbox', { name: 'Authorization code' })).toBeFocused({ timeout: 15_000 })
  expect(await titleTop()).toBe(waitingTop)
  expect(await inView('[data-part="actions"]')).toBe(true)
  await context.close()
})

test('camera: Bob scans the 6-digit QR code on Ada’s panel with a (fake) camera and joins without typing', async () => {
  test.setTimeout(90_000)
  // Chromium's fake camera plays this file; it is written once Ada's code exists (the device
  // opens the file when the page asks for the camera, not at launch).
  const video = join(folder, 'auth-code.y4m')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--allow-loopback-in-peer-connection',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  })
  try {
    const context = await browser.newContext({ permissions: ['microphone', 'camera'] })
    const page = await context.newPage()
    const errors = watchErrors(page, faviconIsOurs(folder))
    await page.goto(`${base}/iframe.html?id=live-invitation--two-peers&viewMode=story`)
    await expect(page.getByRole('main')).toHaveAttribute('data-transport', 'webrtc', { timeout: 15_000 })
    const ada = page.getByRole('region', { name: 'Ada (peer A)' })
    const bob = page.getByRole('region', { name: 'Bob (peer B)' })
    await ada.getByRole('button', { name: 'Invite someone' }).click()
    const codeField = ada.getByLabel('Invitation code', { exact: true })
    await expect(codeField).not.toHaveValue('')
    await bob.getByLabel('Invitation code or link').fill(await codeField.inputValue())
    await bob.getByRole('button', { name: 'Join' }).click()
    const qr = ada.getByRole('img', { name: 'QR code of the authorization code' })
    await expect(qr).toBeVisible({ timeout: 15_000 })

    // The camera's picture: Ada's QR code, drawn from its SVG onto a white 320x240 frame.
    const W = 320
    const H = 240
    const luma = await qr.evaluate(async (svg, [w, h]) => {
      const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`
      const image = new Image()
      image.src = url
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = w
      canvas.height = h
      const context = canvas.getContext('2d')!
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, w, h)
      context.drawImage(image, (w - 200) / 2, (h - 200) / 2, 200, 200)
      const { data } = context.getImageData(0, 0, w, h)
      const y: number[] = []
      for (let i = 0; i < data.length; i += 4) y.push(Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!))
      return y
    }, [W, H] as const)
    const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(luma), Buffer.alloc((W / 2) * (H / 2) * 2, 128)])
    await writeFile(video, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]))

    // Bob scans instead of typing.
    await bob.getByRole('button', { name: 'Scan the code' }).click()
    await expect(bob.getByRole('heading', { name: 'You joined Team board' })).toBeVisible({ timeout: 20_000 })
    await expect(ada.getByRole('heading', { name: 'Bob joined Team board' })).toBeVisible()
    await expect(bob.getByRole('textbox', { name: 'Authorization code' })).toHaveCount(0)
    expect(errors).toEqual([])
    await context.close()
  } finally {
    await browser.close()
  }
})

// The presentational stories render the same pixels every time (no peers, no clock, no random
// codes): each is compared with its committed baseline in light and dark, wide and phone-sized.
// After a deliberate change of the look: node scripts/run-playwright.js e2e/storybook.spec.ts -g visual --update-snapshots
test('visual: the UI stories match their baselines (light and dark, 1280 and 390 wide)', async ({ browser }) => {
  test.setTimeout(180_000)
  const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }
  const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.title.startsWith('UI/'))
  expect(stories.length).toBeGreaterThan(20)
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ colorScheme, viewport: { width, height: 700 }, reducedMotion: 'reduce' })
      const page = await context.newPage()
      for (const story of stories) {
        await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`)
        await page.locator('#storybook-root > *').first().waitFor()
        await page.evaluate(() => document.fonts.ready)
        await expect(page).toHaveScreenshot(`${story.id}-${colorScheme}-${width}.png`, { animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.002 })
      }
      await context.close()
    }
  }
})

test('the live invitation story: invite, join with the code, then edit together over WebRTC', async ({ browser }) => {
  test.setTimeout(60_000)
  const context = await browser.newContext({ permissions: ['microphone'] })
  const page = await context.newPage()
  const errors = watchErrors(page, faviconIsOurs(folder))
  await page.goto(`${base}/iframe.html?id=live-invitation--two-peers&viewMode=story`)
  await expect(page.getByRole('main')).toHaveAttribute('data-transport', 'webrtc', { timeout: 15_000 })
  const ada = page.getByRole('region', { name: 'Ada (peer A)' })
  const bob = page.getByRole('region', { name: 'Bob (peer B)' })

  // Ada invites; the visitor carries the code over to Bob's panel.
  await ada.getByRole('button', { name: 'Invite someone' }).click()
  const codeField = ada.getByLabel('Invitation code', { exact: true })
  await expect(codeField).not.toHaveValue('')
  const code = await codeField.inputValue()
  await bob.getByLabel('Invitation code or link').fill(code)
  await bob.getByRole('button', { name: 'Join' }).click()

  // Ada's panel shows the 6 digits; the visitor types them in Bob's panel.
  const digits = ada.getByRole('img', { name: /^Authorization code [\d ]+$/ })
  await expect(digits).toBeVisible({ timeout: 15_000 })
  const authCode = (await digits.getAttribute('aria-label'))!.replace(/\D/g, '')
  expect(authCode).toMatch(/^\d{6}$/)
  await bob.getByRole('textbox', { name: 'Authorization code' }).click()
  await page.keyboard.type(authCode)
  await expect(bob.getByRole('heading', { name: 'You joined Team board' })).toBeVisible({ timeout: 15_000 })
  await expect(ada.getByRole('heading', { name: 'Bob joined Team board' })).toBeVisible()
  await bob.getByRole('button', { name: 'Open space' }).click()
  await ada.getByRole('button', { name: 'Done' }).click()

  // A task added in Ada's panel appears in Bob's; notes typed by Bob appear in Ada's.
  await expect(bob.getByRole('checkbox', { name: 'Book a room' })).toBeVisible({ timeout: 15_000 })
  await ada.getByLabel('New task').fill('Buy snacks')
  await ada.getByRole('button', { name: 'Add' }).click()
  await expect(bob.getByRole('checkbox', { name: 'Buy snacks' })).toBeVisible({ timeout: 10_000 })
  const bobsNotes = bob.getByLabel('Shared notes')
  await bobsNotes.click()
  await bobsNotes.press('End')
  await bobsNotes.pressSequentially('coffee')
  await expect(ada.getByLabel('Shared notes')).toHaveValue('Agenda: coffee', { timeout: 10_000 })
  await expect(ada.getByRole('status').filter({ hasText: 'Online' })).toContainText('1 peer')

  // Bob goes offline; both add a task; back online, both lists hold both tasks.
  await bob.getByRole('button', { name: 'Go offline' }).click()
  await expect(bob.getByRole('status').filter({ hasText: /^Offline/ })).toBeVisible()
  await ada.getByLabel('New task').fill('From Ada')
  await ada.getByRole('button', { name: 'Add' }).click()
  await bob.getByLabel('New task').fill('From Bob')
  await bob.getByRole('button', { name: 'Add' }).click()
  await page.waitForTimeout(300)
  await expect(bob.getByRole('checkbox', { name: 'From Ada' })).toHaveCount(0)
  await bob.getByRole('button', { name: 'Go online' }).click()
  for (const panel of [ada, bob]) {
    await expect(panel.getByRole('checkbox', { name: 'From Ada' })).toBeVisible({ timeout: 15_000 })
    await expect(panel.getByRole('checkbox', { name: 'From Bob' })).toBeVisible({ timeout: 15_000 })
  }
  await page.goto('about:blank')
  await context.close()
  expect(errors).toEqual([])
})

/** Loads one story, waits for it to finish (play function included) and settle, runs axe. */
async function checkStory(page: Page, story: IndexEntry, faviconOurs: boolean): Promise<string[]> {
  const problems = watchErrors(page, faviconOurs)
  try {
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`)
    await page.waitForFunction(
      () => (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase === 'finished',
      null,
      { timeout: 30_000 },
    )
    const shown = await page.evaluate(() =>
      document.body.classList.contains('sb-show-errordisplay') ? (document.querySelector('#error-message')?.textContent ?? 'error display shown') : '',
    )
    if (shown) problems.push(`story failed: ${shown}`)
    await settle(page)
    await page.addScriptTag({ path: axePath })
    const violations = await page.evaluate(async (rules) => {
      type Result = { violations: { id: string; nodes: { html: string }[] }[] }
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe
      const result = await axe.run(document, { rules })
      return result.violations.map((v) => `axe ${v.id}: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`)
    }, PAGE_RULES_OFF)
    problems.push(...violations)
  } catch (error) {
    problems.push(`could not check: ${(error as Error).message.split('\n')[0]}`)
  }
  // Unloading runs the stories' cleanups (closing clients): errors there count too, but
  // requests cut short by leaving the page do not.
  leaving.add(page)
  await page.goto('about:blank')
  leaving.delete(page)
  return problems
}

/** Waits until the story shows something other than "Starting peers…" and the DOM is quiet. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.innerText.includes('Starting peers…'), null, { timeout: 20_000 })
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let quiet: ReturnType<typeof setTimeout>
        const finish = () => {
          observer.disconnect()
          clearTimeout(quiet)
          clearTimeout(limit)
          done()
        }
        const observer = new MutationObserver(() => {
          clearTimeout(quiet)
          quiet = setTimeout(finish, 400)
        })
        const limit = setTimeout(finish, 4000)
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
        quiet = setTimeout(finish, 400)
      }),
  )
}

/** Pages on their way to about:blank after a story. */
const leaving = new Set<Page>()

/** Collects console errors, page errors and failed requests of `page` into the returned array. */
function watchErrors(page: Page, faviconOurs: boolean): string[] {
  const found: string[] = []
  const ignored = (url: string) => !faviconOurs && new URL(url).pathname === '/favicon.ico'
  page.removeAllListeners('console')
  page.removeAllListeners('pageerror')
  page.removeAllListeners('requestfailed')
  page.removeAllListeners('response')
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // Chromium also logs each failed request; the request handlers below judge those.
    if (/^Failed to load resource/.test(message.text()) && message.location().url) return
    found.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => found.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => {
    if (leaving.has(page) && request.failure()?.errorText === 'net::ERR_ABORTED') return
    if (!ignored(request.url())) found.push(`request failed: ${request.url()} (${request.failure()?.errorText})`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && !ignored(response.url())) found.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  return found
}

/**
 * True when /favicon.ico is ours (the build has one, or the preview page links it): then it
 * must load like any other file. Otherwise it is only the browser's guess, and may 404.
 */
function faviconIsOurs(dir: string): boolean {
  if (existsSync(join(dir, 'favicon.ico'))) return true
  try {
    return /href=["'][^"']*favicon\.ico/.test(readFileSync(join(dir, 'iframe.html'), 'utf8'))
  } catch {
    return false
  }
}

/** Runs a command in the project folder; rejects with its output when it fails. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', fail)
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`))))
  })
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** A static file server for `dir` on 127.0.0.1 and a free port. */
async function serve(dir: string): Promise<Server> {
  const top = resolve(dir)
  const instance = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    const file = resolve(top, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`)
    if (file !== top && !file.startsWith(top + sep)) {
      response.writeHead(403).end()
      return
    }
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=600' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => instance.listen(0, '127.0.0.1', done))
  return instance
}
