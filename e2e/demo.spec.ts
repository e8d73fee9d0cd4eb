import { createRequire } from 'node:module'
import { expect, test, type Page } from '@playwright/test'

// The demo app end to end in real Chromium with real IndexedDB: first run, a task with an
// assignee (a weak reference) and collaborative notes, a second space, then a reload that must
// bring everything back. Any console error or uncaught page error fails the test.

function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`))
  page.on('crash', () => errors.push('page crashed'))
  return errors
}

/** Accessibility violations (axe-core) on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const { violations } = await axe.run(document)
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  })
}

/** Waits until every change has been flushed to IndexedDB (the header's save indicator). */
async function saved(page: Page) {
  await expect(page.getByText('All changes saved')).toBeVisible()
}

test('first run, tasks, people, notes and spaces survive a reload', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('/?name=e2e')

  // First run: no identity yet.
  await expect(page.getByRole('heading', { name: "What's your name?" })).toBeVisible()
  expect(await axeViolations(page)).toEqual([])
  await page.getByLabel('Your name', { exact: true }).fill('Ada Lovelace')
  await page.getByRole('button', { name: 'Get started' }).click()

  const header = page.getByRole('banner')
  await expect(header.getByText('Ada Lovelace')).toBeVisible()
  // Connected to the signaling server (through the dev server's /signal proxy).
  await expect(header.getByRole('status').filter({ hasText: 'Online' })).toBeVisible()

  // The personal space is first in the sidebar and selected.
  const spaces = page.getByRole('navigation', { name: 'Spaces' })
  await expect(spaces.getByRole('listitem')).toHaveText(['Personal'])
  await expect(spaces.getByRole('button', { name: 'Personal', exact: true })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { level: 1, name: 'Personal' })).toBeVisible()
  await expect(page.getByText('No tasks yet')).toBeVisible()

  // A person, then a task assigned to them.
  await page.getByLabel("Person's name").fill('Grace Hopper')
  await page.getByRole('button', { name: 'Add person' }).click()
  await expect(page.getByRole('region', { name: 'People' }).getByText('Grace Hopper')).toBeVisible()

  await page.getByLabel('New task').fill('Buy milk')
  await page.getByLabel('New task').press('Enter')
  await page.getByLabel('New task').fill('Write the release notes')
  await page.getByRole('button', { name: 'Add task' }).click()
  await expect(page.getByLabel('Title of Buy milk')).toHaveValue('Buy milk')
  await expect(page.getByLabel('Title of Write the release notes')).toHaveValue('Write the release notes')
  await expect(page.getByText('2 open', { exact: true })).toBeVisible()

  await page.getByLabel('Assignee for Buy milk').selectOption({ label: 'Grace Hopper' })
  await expect(page.getByText('1 open task')).toBeVisible()

  // Collaborative notes (a text field), typed key by key.
  await page.getByRole('button', { name: 'Notes for Buy milk' }).click()
  const notes = page.getByLabel('Notes text for Buy milk')
  await notes.click()
  await notes.pressSequentially('Organic, two litres')
  await expect(notes).toHaveValue('Organic, two litres')
  expect(await axeViolations(page)).toEqual([])

  // Toggle done; counts follow.
  await page.getByLabel('Done: Buy milk').check()
  await expect(page.getByText('1 open', { exact: true })).toBeVisible()
  await expect(page.getByText('1 done', { exact: true })).toBeVisible()

  // Edit a title in place.
  const title = page.getByLabel('Title of Write the release notes')
  await title.fill('Write the changelog')
  await title.press('Enter')
  await expect(page.getByLabel('Title of Write the changelog')).toHaveValue('Write the changelog')

  // A second space, renamed inline, with a task of its own.
  await page.getByLabel('New space name').fill('Team')
  await page.getByRole('button', { name: 'Create space' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible()
  await page.getByRole('button', { name: 'Rename space Team' }).click()
  const rename = page.getByLabel('Rename space Team')
  await rename.fill('Team board')
  await rename.press('Enter')
  await expect(spaces.getByRole('button', { name: 'Team board', exact: true })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { level: 1, name: 'Team board' })).toBeVisible()
  await page.getByLabel('New task').fill('Plan the offsite')
  await page.getByLabel('New task').press('Enter')
  await expect(page.getByLabel('Title of Plan the offsite')).toBeVisible()

  await spaces.getByRole('button', { name: 'Personal', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Personal' })).toBeVisible()
  await saved(page)

  // Reload: everything comes back from IndexedDB.
  await page.reload()
  await expect(page.getByRole('banner').getByText('Ada Lovelace')).toBeVisible()
  await expect(page.getByRole('heading', { name: "What's your name?" })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name: 'Personal' })).toBeVisible()
  await expect(page.getByLabel('Title of Buy milk')).toHaveValue('Buy milk')
  await expect(page.getByLabel('Done: Buy milk')).toBeChecked()
  await expect(page.getByLabel('Assignee for Buy milk').locator('option:checked')).toHaveText('Grace Hopper')
  await expect(page.getByLabel('Title of Write the changelog')).toHaveValue('Write the changelog')
  await expect(page.getByLabel('Done: Write the changelog')).not.toBeChecked()
  await expect(page.getByText('Organic, two litres')).toBeVisible()
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Notes for Buy milk' }).click()
  await expect(page.getByLabel('Notes text for Buy milk')).toHaveValue('Organic, two litres')
  await expect(spaces.getByRole('listitem')).toHaveText(['Personal', 'Team board'])
  await spaces.getByRole('button', { name: 'Team board', exact: true }).click()
  await expect(page.getByLabel('Title of Plan the offsite')).toBeVisible()
  await spaces.getByRole('button', { name: 'Personal', exact: true }).click()

  // Weak reference: deleting the person leaves the task unassigned.
  await page.getByRole('button', { name: 'Remove Grace Hopper' }).click()
  await expect(page.getByRole('region', { name: 'People' }).getByText('Grace Hopper')).toHaveCount(0)
  await expect(page.getByLabel('Assignee for Buy milk').locator('option:checked')).toHaveText('Unassigned')

  // Deleting a task.
  await page.getByRole('button', { name: 'Delete task Write the changelog' }).click()
  await expect(page.getByLabel('Title of Write the changelog')).toHaveCount(0)
  await expect(page.getByText('0 open', { exact: true })).toBeVisible()
  await saved(page)

  expect(errors).toEqual([])
})

test('two tabs of one client stay in sync live (BroadcastChannel)', async ({ context }) => {
  const a = await context.newPage()
  const errors = watchErrors(a)
  await a.goto('/?name=tabs')
  await a.getByLabel('Your name', { exact: true }).fill('Ada')
  await a.getByRole('button', { name: 'Get started' }).click()
  await a.getByLabel('New task').fill('Shared task')
  await a.getByLabel('New task').press('Enter')
  await a.getByLabel("Person's name").fill('Grace')
  await a.getByLabel("Person's name").press('Enter')
  await saved(a)

  // Same client name, same browser context: same IndexedDB, and live changes over BroadcastChannel.
  const b = await context.newPage()
  const bErrors = watchErrors(b)
  await b.goto('/?name=tabs')
  await expect(b.getByLabel('Title of Shared task')).toBeVisible()
  await expect(a.getByRole('banner').getByText('Online · 1 peer')).toBeVisible()

  await b.getByLabel('New task').fill('Added in B')
  await b.getByLabel('New task').press('Enter')
  await expect(a.getByLabel('Title of Added in B')).toBeVisible()

  await b.getByLabel('Assignee for Shared task').selectOption({ label: 'Grace' })
  await expect(a.getByLabel('Assignee for Shared task').locator('option:checked')).toHaveText('Grace')
  await a.getByLabel('Done: Shared task').check()
  await expect(b.getByLabel('Done: Shared task')).toBeChecked()

  // Notes typed in both tabs merge.
  await a.getByRole('button', { name: 'Notes for Shared task' }).click()
  await a.getByLabel('Notes text for Shared task').pressSequentially('from A')
  await b.getByRole('button', { name: 'Notes for Shared task' }).click()
  const notesB = b.getByLabel('Notes text for Shared task')
  await expect(notesB).toHaveValue('from A')
  await notesB.press('End')
  await notesB.pressSequentially(', from B')
  await expect(a.getByLabel('Notes text for Shared task')).toHaveValue('from A, from B')

  // A person deleted in one tab leaves the task unassigned in the other (weak reference).
  await a.getByRole('button', { name: 'Remove Grace' }).click()
  await expect(b.getByLabel('Assignee for Shared task').locator('option:checked')).toHaveText('Unassigned')

  expect([...errors, ...bErrors]).toEqual([])
})
