import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// The compile-time claims of typed objects live in typedObjects.types.tsx, checked by
// `tsc --noEmit -p tsconfig.json` in `npm test`. This proves that check has teeth: the file
// compiles as it is, and breaking one claim (dropping a @ts-expect-error, or asking a wrong
// type) makes tsc fail at that line.
const root = join(import.meta.dirname, '../..')
// Outside the folders tsconfig.json includes, so a leftover (a crashed run) never breaks `npm test`.
const scratch = join(root, `.typeclaims-${process.pid}`)
const source = readFileSync(join(import.meta.dirname, 'typedObjects.types.tsx'), 'utf8')
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function typecheck(text: string): { ok: boolean; output: string } {
  mkdirSync(scratch, { recursive: true })
  writeFileSync(join(scratch, 'claims.tsx'), text.replaceAll("'../../src/", "'../src/"))
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['claims.tsx'] }))
  const run = spawnSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', join(scratch, 'tsconfig.json')], { cwd: root, encoding: 'utf8' })
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
}

describe('type claims are checked by tsc', () => {
  it('the claims file compiles', { timeout: 60_000 }, () => {
    const result = typecheck(source)
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  })

  it.each([
    ['a typo in a filter key', '  // @ts-expect-error a typo in a filter key\n', /claims\.tsx\(\d+,\d+\): error/],
    ['a typo in a sort key', '  // @ts-expect-error a typo in a sort key\n', /Did you mean '"title"'/],
    ['a wrong field type in add', '  // @ts-expect-error a wrong field type in add\n', /claims\.tsx\(\d+,\d+\): error/],
  ])('fails when %s is no longer marked as an error', { timeout: 60_000 }, (_name, line, error) => {
    expect(source).toContain(line)
    const result = typecheck(source.replace(line, ''))
    expect(result.ok).toBe(false)
    expect(result.output).toMatch(error)
  })

  it('fails when task.assignee?.name is claimed to be a plain string', { timeout: 60_000 }, () => {
    const claim = 'expectTypeOf(task.assignee?.name).toEqualTypeOf<string | undefined>()'
    expect(source).toContain(claim)
    const result = typecheck(source.replace(claim, 'expectTypeOf(task.assignee?.name).toEqualTypeOf<string>()'))
    expect(result.ok).toBe(false)
    expect(result.output).toMatch(/Expected: string, Actual: undefined/)
  })
})
