import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePeerArgs } from '../../src/server/peer/index.ts'
import { startSignalingProcess } from '../support/signalingProcess.ts'

let server: Awaited<ReturnType<typeof startSignalingProcess>>
let dir: string
beforeAll(async () => {
  server = await startSignalingProcess()
  dir = mkdtempSync(join(tmpdir(), 'echo-kit-peer-cli-'))
})
afterAll(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

function run(args: string[]): { child: ChildProcess; line: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['bin/echo-kit-peer.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const line = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no startup line: ${out}`)), 20_000)
    const read = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /^echo-kit peer .*$/m.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, line, exit }
}

describe('echo-kit-peer', () => {
  it('prints its identity and endpoints, serves /health, stops on SIGTERM with exit 0, and resumes', async () => {
    const args = ['--directory', dir, '--signaling', server.url, '--port', '0', '--bind-address', '127.0.0.1', '--name', 'Shelf']
    const first = run(args)
    const line = await first.line
    const [, key, url] = /^echo-kit peer ([0-9a-f]{64}) \(Shelf\) serving \d+ spaces; health: (http:\/\/[\d.:]+)\/health/.exec(line)!
    const health = await (await fetch(`${url}/health`)).json()
    expect(health).toMatchObject({ status: 'ok', identityKey: key })
    first.child.kill('SIGTERM')
    expect(await first.exit).toBe(0)

    const second = run(args)
    expect(await second.line).toContain(`echo-kit peer ${key} (Shelf)`)
    second.child.kill('SIGTERM')
    expect(await second.exit).toBe(0)
  })

  it('rejects a command line without a directory or signaling, with usage', () => {
    expect(() => parsePeerArgs(['--signaling', 'ws://x'])).toThrow('--directory is required')
    expect(() => parsePeerArgs(['--directory', 'd'])).toThrow('--signaling is required')
    expect(parsePeerArgs(['--directory', 'd'], { ECHO_SIGNALING: 'ws://127.0.0.1:1' }).options.signaling).toEqual(['ws://127.0.0.1:1'])
    expect(() => parsePeerArgs(['--directory', 'd', '--signaling', 'ws://x', '--port', 'abc'])).toThrow('--port')
  })
})
