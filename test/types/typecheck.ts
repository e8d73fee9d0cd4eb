import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '../..')

/**
 * Typechecks `files` (name -> source, imports relative to the project root written as
 * '../src/...') with the project's tsconfig, in a scratch folder at the project root that
 * tsconfig.json does not include (so a leftover never breaks `npm test`). Returns tsc's verdict.
 */
export function typecheck(files: Record<string, string>): { ok: boolean; output: string } {
  const scratch = join(root, `.typeclaims-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  try {
    mkdirSync(scratch, { recursive: true })
    for (const [name, text] of Object.entries(files)) writeFileSync(join(scratch, name), text)
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: Object.keys(files) }))
    const run = spawnSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', join(scratch, 'tsconfig.json')], { cwd: root, encoding: 'utf8' })
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
