import { createRequire } from 'node:module'
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test'

// Shared steps of the e2e specs that drive the demo app as people would: one Chromium context
// per peer (its own IndexedDB; `?name=` picks the client), every console error, page error and
// crash collected so the spec can fail on them.

/** One peer: a browser context with the demo open, and the errors seen on its page. */
export type Peer = { name: string; context: BrowserContext; page: Page; errors: string[] }

/** Opens the demo as client `name` in a fresh context; `peers` collects it for closing. */
export async function openPeer(browser: Browser, peers: Peer[], name: string): Promise<Peer> {
  // WebRTC gathers host candidates only with a media permission (see e2e/webrtc.spec.ts).
  const context = await browser.newContext({ permissions: ['microphone'] })
  const errors: string[] = []
  const page = await context.newPage()
  const peer = { name, context, page, errors }
  peers.push(peer) // closed at the end of the test, also when it fails
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${name}: console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`${name}: page error: ${error.stack ?? error.message}`))
  page.on('crash', () => errors.push(`${name}: page crashed`))
  await page.goto(`/?name=${name}`)
  return peer
}

/** Accessibility violations (axe-core) on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') })
  return page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<Result> } }).axe
    const { violations } = await axe.run(document)
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  })
}

/** First run: names the identity and waits for the name in the header. */
export async function createIdentity(page: Page, displayName: string) {
  await page.getByLabel('Your name', { exact: true }).fill(displayName)
  await page.getByRole('button', { name: 'Get started' }).click()
  await expect(page.getByRole('banner').getByText(displayName, { exact: true })).toBeVisible()
}

/** The 6-digit code the host's dialog shows (read as a screen reader hears it). */
export async function authCodeOn(dialog: Locator): Promise<string> {
  const digits = dialog.getByRole('img', { name: /^Authorization code \d/ })
  await expect(digits).toBeVisible()
  const code = (await digits.getAttribute('aria-label'))!.replace(/\D/g, '')
  expect(code).toMatch(/^\d{6}$/)
  return code
}

/** Types the code into the PIN cells (typing advances from cell to cell). */
export async function typeCode(dialog: Locator, code: string) {
  await expect(dialog.getByRole('group', { name: 'Authorization code' })).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Authorization code' }).pressSequentially(code)
}

/**
 * Adds a task on the board and waits for its row. Right after a join the board may still
 * re-mount once (the space list catching up with the selection), which empties a form typed
 * into within those milliseconds: it types again until the task is there.
 */
export async function addTask(page: Page, title: string) {
  const input = page.getByLabel('New task')
  const row = page.getByLabel(`Title of ${title}`)
  await expect(async () => {
    if ((await row.count()) === 0) {
      await input.fill(title)
      await input.press('Enter')
    }
    await expect(row).toHaveValue(title, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}
