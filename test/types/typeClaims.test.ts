import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { typecheck as check } from './typecheck.ts'

// The compile-time claims of typed objects live in typedObjects.types.tsx, checked by
// `tsc --noEmit -p tsconfig.json` in `npm test`. This proves that check has teeth: the file
// compiles as it is, and breaking one claim (dropping a @ts-expect-error, or asking a wrong
// type) makes tsc fail at that line.
const source = readFileSync(join(import.meta.dirname, 'typedObjects.types.tsx'), 'utf8')
const typecheck = (text: string) => check({ 'claims.tsx': text.replaceAll("'../../src/", "'../src/") })

const BROKEN: [name: string, from: string, to: string, error: RegExp][] = [
  ['typo-filter', '  // @ts-expect-error a typo in a filter key\n', '', /No overload matches this call/],
  ['typo-sort', '  // @ts-expect-error a typo in a sort key\n', '', /Did you mean '"title"'/],
  ['wrong-add', '  // @ts-expect-error a wrong field type in add\n', '', /error TS/],
  ['ref-type', 'expectTypeOf(task.assignee?.name).toEqualTypeOf<string | undefined>()', 'expectTypeOf(task.assignee?.name).toEqualTypeOf<string>()', /Expected: string, Actual: undefined/],
]

describe('type claims are checked by tsc', () => {
  it('the claims file compiles', { timeout: 60_000 }, () => {
    const result = typecheck(source)
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  })

  it('breaking a claim fails: a filter-key typo, a sort-key typo, a wrong type in add, a wrong ref type', { timeout: 60_000 }, () => {
    // One tsc run over one broken copy per claim; each copy must fail at that claim.
    const files: Record<string, string> = {}
    for (const [name, from, to] of BROKEN) {
      expect(source).toContain(from)
      files[`${name}.tsx`] = source.replace(from, to).replaceAll("'../../src/", "'../src/")
    }
    const result = check(files)
    expect(result.ok).toBe(false)
    for (const [name, , , error] of BROKEN) {
      const ownErrors = result.output.split(/\n(?=\S)/).filter((message) => message.includes(`/${name}.tsx(`))
      expect(ownErrors.length, `${name}: ${result.output}`).toBe(1)
      expect(ownErrors[0]).toMatch(error)
    }
  })
})
