import axe from 'axe-core'
import { expect } from 'vitest'

/**
 * Runs axe-core on `node` and fails with the rule ids and offending markup when anything is
 * found. Colour contrast is off: jsdom has no layout or computed colours to measure.
 */
export async function expectNoAxeViolations(node: Element | Document = document.body): Promise<void> {
  const result = await axe.run(node as Element, { rules: { 'color-contrast': { enabled: false } } })
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
  expect(found).toEqual([])
}
