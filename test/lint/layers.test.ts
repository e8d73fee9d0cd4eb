// scripts/lint-layers.js against small fixture trees in a temp folder (never the real src/,
// other tests run beside this one), then against the real tree.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../../scripts/lint-layers.js', import.meta.url))
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A clean tree with the real layout: every layer, core's concept folders, imports through doors. */
const CLEAN: Record<string, string> = {
  'src/index.ts': [
    "export * from './core/index.ts'",
    "export * from './react/index.ts'",
    "export * from './ui/index.ts'",
    "export { SignalingClient } from './p2p/index.ts'",
  ].join('\n'),
  'src/core/index.ts': [
    "export * from './shared/index.ts'",
    "export * from './data/index.ts'",
    "export type { Space } from './space/index.ts'",
    "export { openSpace } from './space/index.ts'",
    "export * from './identity/index.ts'",
  ].join('\n'),
  'src/core/shared/index.ts': "export { EchoError } from './EchoError.ts'\n",
  'src/core/shared/EchoError.ts': 'export class EchoError extends Error {}\n',
  'src/core/data/index.ts': "export { Database } from './Database.ts'\n",
  'src/core/data/Database.ts': [
    "import * as A from '@automerge/automerge'",
    "import { EchoError } from '../shared/index.ts'",
    "// import { useState } from 'react'   (a comment is not an import)",
    'export class Database { doc = A.init(); error = EchoError }',
  ].join('\n'),
  'src/core/space/index.ts': "export { openSpace, type Space } from './Space.ts'\n",
  'src/core/space/Space.ts': [
    "import nacl from 'tweetnacl'",
    "import { Repo } from '@automerge/automerge-repo/slim'",
    "import type { DocHandle } from '@automerge/automerge-repo'",
    'import {',
    '  Database,',
    "} from '../data/index.ts'",
    "const note = \"import x from '../../p2p/index.ts'\" // a string is not an import",
    'export type Space = { db: Database; repo?: Repo; handle?: DocHandle<unknown> }',
    'export function openSpace(): Space { nacl.randomBytes(1); return { db: new Database() } }',
    'export { note }',
  ].join('\n'),
  'src/core/identity/index.ts': "export { sign } from './credentials.ts'\n",
  'src/core/identity/credentials.ts': "import { EchoError } from '../shared/index.ts'\nexport const sign = () => EchoError\n",
  'src/p2p/index.ts': "export { SignalingClient } from './SignalingClient.ts'\n",
  'src/p2p/SignalingClient.ts': [
    "import { WebSocket } from 'ws'",
    "import { EchoError, type Space } from '../core/index.ts'",
    'export class SignalingClient { ws?: WebSocket; space?: Space; error = EchoError }',
    "export async function load() { return import('node-datachannel') }",
  ].join('\n'),
  'src/storage/index.ts': "import type { Database } from '../core/index.ts'\nexport const memory = (db?: Database) => db\n",
  'src/react/index.ts': "export { useSpace } from './useSpace.ts'\n",
  'src/react/useSpace.ts': [
    "import { useState } from 'react'",
    "import { openSpace } from '../core/index.ts'",
    'export const useSpace = () => useState(openSpace)[0]',
  ].join('\n'),
  'src/ui/index.ts': "export { SpaceName } from './SpaceName.tsx'\n",
  'src/ui/SpaceName.tsx': [
    "import { useSpace } from '../react/index.ts'",
    "import type { Space } from '../core/index.ts'",
    "export type { Database } from '../core/index.ts'",
    "export function SpaceName(props: { space?: Space }) { useSpace(); return <p>Don't panic {String(props.space)}</p> }",
  ].join('\n'),
  'src/server/index.ts': [
    "import { createServer } from 'node:http'",
    "import { SignalingClient } from '../p2p/index.ts'",
    "import { memory } from '../storage/index.ts'",
    "import { openSpace } from '../core/index.ts'",
    'export const start = () => [createServer, SignalingClient, memory, openSpace]',
  ].join('\n'),
  'src/testing/index.ts': [
    "import { SignalingClient } from '../p2p/index.ts'",
    "import { memory } from '../storage/index.ts'",
    "import { openSpace } from '../core/index.ts'",
    'export const harness = () => [SignalingClient, memory, openSpace]',
  ].join('\n'),
}

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** Write the clean tree plus `changes` (a file's text, or null to leave the file out) into a temp dir. */
function fixture(changes: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'echo-kit-lint-'))
  made.push(dir)
  for (const [path, text] of Object.entries({ ...CLEAN, ...changes })) {
    if (text === null) continue
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text + '\n')
  }
  return dir
}

function lint(root?: string) {
  const args = root ? [script, '--root', root] : [script]
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: repoRoot })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** The lint fails, with exactly one problem line, naming the file and the rule. */
function expectOneProblem(changes: Record<string, string | null>, file: string, rule: string, spec: string) {
  const { code, out, err } = lint(fixture(changes))
  expect(code, out + err).toBe(1)
  const problems = err.split('\n').filter((l) => l && !l.startsWith('lint-layers:'))
  expect(problems, err).toHaveLength(1)
  expect(problems[0]).toContain(file)
  expect(problems[0]).toContain(`'${spec}'`)
  expect(problems[0]).toContain(`[${rule}]`)
  expect(problems[0]).toContain('Fix:')
  return problems[0]
}

describe('lint-layers on fixture trees', () => {
  it('a clean tree passes', () => {
    const { code, out, err } = lint(fixture())
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toContain(`lint-layers: ok (${Object.keys(CLEAN).length} files)`)
  })

  it('core importing p2p fails', () => {
    expectOneProblem(
      { 'src/core/data/Database.ts': CLEAN['src/core/data/Database.ts'] + "\nimport { SignalingClient } from '../../p2p/index.ts'\nexport { SignalingClient }" },
      'src/core/data/Database.ts',
      'layer',
      '../../p2p/index.ts',
    )
  })

  it("core importing 'react' fails", () => {
    const line = expectOneProblem(
      { 'src/core/identity/credentials.ts': "import {\n  useState,\n} from 'react'\nexport const sign = () => useState" },
      'src/core/identity/credentials.ts',
      'core-deps',
      'react',
    )
    expect(line).toContain('credentials.ts:1:')
  })

  it("core importing 'ws' fails, also as a dynamic import", () => {
    expectOneProblem(
      { 'src/core/space/Space.ts': CLEAN['src/core/space/Space.ts'] + "\nexport const ws = () => import('ws')" },
      'src/core/space/Space.ts',
      'core-deps',
      'ws',
    )
  })

  it('core importing a node: builtin or an automerge-repo adapter fails', () => {
    expectOneProblem({ 'src/core/shared/EchoError.ts': "import 'node:fs'\nexport class EchoError extends Error {}" }, 'src/core/shared/EchoError.ts', 'core-deps', 'node:fs')
    expectOneProblem(
      { 'src/core/shared/EchoError.ts': "export { BroadcastChannelNetworkAdapter } from '@automerge/automerge-repo-network-broadcastchannel'\nexport class EchoError extends Error {}" },
      'src/core/shared/EchoError.ts',
      'core-deps',
      '@automerge/automerge-repo-network-broadcastchannel',
    )
  })

  it("a core concept importing a sibling's internals fails; its index passes", () => {
    const bad = CLEAN['src/core/space/Space.ts'].replace("from '../data/index.ts'", "from '../data/Database.ts'")
    const line = expectOneProblem({ 'src/core/space/Space.ts': bad }, 'src/core/space/Space.ts', 'door', '../data/Database.ts')
    expect(line).toContain('src/core/data')
    expect(lint(fixture()).code).toBe(0) // CLEAN imports '../data/index.ts'
    // a folder specifier means its index.ts
    expect(lint(fixture({ 'src/core/space/Space.ts': CLEAN['src/core/space/Space.ts'].replace("'../data/index.ts'", "'../data'") })).code).toBe(0)
  })

  it('a cycle of runtime imports fails; the same cycle through `import type` passes', () => {
    const query = "import { Database } from './Database.ts'\nexport class Query { db = Database }\n"
    const database = CLEAN['src/core/data/Database.ts'] + "\nimport { Query } from './Query.ts'\nexport const q = Query\n"
    const { code, err } = lint(fixture({ 'src/core/data/Query.ts': query, 'src/core/data/Database.ts': database }))
    expect(code).toBe(1)
    expect(err).toContain('[cycle]')
    expect(err).toContain('src/core/data/Database.ts -> src/core/data/Query.ts -> src/core/data/Database.ts')
    const typeOnly = "import type { Database } from './Database.ts'\nexport class Query { db?: Database }\n"
    expect(lint(fixture({ 'src/core/data/Query.ts': typeOnly, 'src/core/data/Database.ts': database })).code).toBe(0)
  })

  it('type-only imports follow the door rule too', () => {
    expectOneProblem(
      { 'src/core/identity/credentials.ts': CLEAN['src/core/identity/credentials.ts'] + "\nimport type { Database } from '../data/Database.ts'\nexport type D = Database" },
      'src/core/identity/credentials.ts',
      'door',
      '../data/Database.ts',
    )
  })

  it('react importing ui fails', () => {
    expectOneProblem(
      { 'src/react/useSpace.ts': CLEAN['src/react/useSpace.ts'] + "\nexport { SpaceName } from '../ui/index.ts'" },
      'src/react/useSpace.ts',
      'layer',
      '../ui/index.ts',
    )
  })

  it('devtools may use react and core; ui, react and core importing devtools fail', () => {
    const devtools = {
      'src/devtools/index.ts': "export { Devtools } from './Devtools.tsx'\n",
      'src/devtools/Devtools.tsx': "import { useSpace } from '../react/index.ts'\nimport { openSpace } from '../core/index.ts'\nexport function Devtools() { useSpace(); openSpace(); return null }\n",
    }
    expect(lint(fixture(devtools)).code).toBe(0)
    for (const [file, base] of [['src/ui/SpaceName.tsx', CLEAN['src/ui/SpaceName.tsx']], ['src/react/useSpace.ts', CLEAN['src/react/useSpace.ts']]] as const) {
      expectOneProblem({ ...devtools, [file]: base + "\nexport { Devtools } from '../devtools/index.ts'" }, file, 'layer', '../devtools/index.ts')
    }
  })

  it('ui value-importing core fails; import type passes', () => {
    const value = CLEAN['src/ui/SpaceName.tsx'].replace("import type { Space } from '../core/index.ts'", "import { openSpace, type Space } from '../core/index.ts'\nopenSpace()")
    expectOneProblem({ 'src/ui/SpaceName.tsx': value }, 'src/ui/SpaceName.tsx', 'ui-type', '../core/index.ts')
    // `{ type X }` alone still loads core at runtime under verbatimModuleSyntax
    const inline = CLEAN['src/ui/SpaceName.tsx'].replace('import type { Space }', 'import { type Space }')
    expect(expectOneProblem({ 'src/ui/SpaceName.tsx': inline }, 'src/ui/SpaceName.tsx', 'ui-type', '../core/index.ts')).toContain('import type')
    expect(lint(fixture()).code).toBe(0) // CLEAN has `import type` and `export type` from core in ui
  })

  it("p2p importing core's internals fails", () => {
    expectOneProblem(
      { 'src/p2p/SignalingClient.ts': CLEAN['src/p2p/SignalingClient.ts'] + "\nimport { sign } from '../core/identity/credentials.ts'\nexport { sign }" },
      'src/p2p/SignalingClient.ts',
      'door',
      '../core/identity/credentials.ts',
    )
  })

  it("entry files import only folders' index files", () => {
    expectOneProblem({ 'src/index.ts': CLEAN['src/index.ts'] + "\nexport { useSpace } from './react/useSpace.ts'" }, 'src/index.ts', 'door', './react/useSpace.ts')
  })

  it('a subfolder with its own index.ts is its own unit', () => {
    const changes = {
      'src/p2p/webrtc/index.ts': "export { connect } from './connect.ts'",
      'src/p2p/webrtc/connect.ts': 'export const connect = 1',
      'src/p2p/index.ts': CLEAN['src/p2p/index.ts'] + "\nexport { connect } from './webrtc/connect.ts'",
    }
    expectOneProblem(changes, 'src/p2p/index.ts', 'door', './webrtc/connect.ts')
    expect(lint(fixture({ ...changes, 'src/p2p/index.ts': CLEAN['src/p2p/index.ts'] + "\nexport { connect } from './webrtc/index.ts'" })).code).toBe(0)
  })

  it('reports every problem, one line each', () => {
    const { code, err } = lint(
      fixture({
        'src/core/data/Database.ts': CLEAN['src/core/data/Database.ts'] + "\nimport '../../p2p/index.ts'\nimport 'react'",
        'src/react/useSpace.ts': CLEAN['src/react/useSpace.ts'] + "\nimport '../ui/SpaceName.tsx'",
      }),
    )
    expect(code).toBe(1)
    const lines = err.trim().split('\n')
    expect(lines.filter((l) => l.startsWith('src/'))).toHaveLength(3)
    expect(lines.at(-1)).toContain('lint-layers: 3 problems')
  })
})

describe('lint-layers on the repository', () => {
  it('the real tree passes', () => {
    const { code, out, err } = lint()
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toMatch(/^lint-layers: ok \(\d+ files\)/)
  })
})
