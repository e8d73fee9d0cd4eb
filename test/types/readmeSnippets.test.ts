import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { typecheck } from './typecheck.ts'

// README code blocks marked `<!-- typecheck ... -->` must compile against the package as it is
// (the README's own `checked={task.done}` once did not). 'echo-kit' resolves to src/index.ts.
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')
const blocks = [...readme.matchAll(/<!-- typecheck[^>]*-->\n```(tsx?)\n([\s\S]*?)\n```/g)].map((m, i) => ({
  name: `readme${i}.${m[1]}`,
  text: `export {}\n${m[2]!.replaceAll("from 'echo-kit'", "from '../src/index.ts'")}\n`,
}))

describe('README snippets', () => {
  it('the marked blocks compile', { timeout: 60_000 }, () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2)
    const result = typecheck(Object.fromEntries(blocks.map((b) => [b.name, b.text])))
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  })

  it('a broken snippet fails (the check has teeth)', { timeout: 60_000 }, () => {
    const react = blocks.find((b) => b.text.includes('checked={task.done}'))!
    const broken = react.text.replace('checked={task.done}', 'checked={task.dnoe}')
    expect(typecheck({ 'broken.tsx': broken }).ok).toBe(false)
  })
})
