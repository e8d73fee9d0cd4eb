import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import nacl from 'tweetnacl'
import { helloBytes, peerIdForKey } from '../../src/p2p/index.ts'
import { parseCliArgs } from '../../src/server/cli.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = 'bin/echo-kit-signal.js'
const children: ChildProcess[] = []

type Started = { child: ChildProcess; line: string; port: number; output: () => string; exit: Promise<number | null> }

// Plain `node`, exactly as `npx echo-kit-signal` would run it after npm install.
function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no startup line; output: ${out}`)), 20_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /echo-kit signaling server listening on ws:\/\/127\.0\.0\.1:(\d+) \(health: http:\/\/127\.0\.0\.1:(\d+)\/health\)\n/.exec(out)
      if (m) {
        clearTimeout(timer)
        expect(m[2]).toBe(m[1])
        resolve({ child, line: m[0], port: Number(m[1]), output: () => out, exit })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before starting; output: ${out}`))
    })
  })
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

describe('echo-kit-signal CLI', () => {
  it('starts with --port 0, serves /health and WebSockets, and exits 0 on SIGTERM', async () => {
    const s = await startCli(['--port', '0', '--host', '127.0.0.1'])
    expect(s.port).toBeGreaterThan(0)
    const res = await fetch(`http://127.0.0.1:${s.port}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, connections: 0, topics: 0 })

    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/signal`)
    const key = nacl.sign.keyPair()
    const peerId = peerIdForKey(key.publicKey)
    const welcome = await new Promise<string>((resolve, reject) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString())
        if (m.type !== 'challenge') return resolve(d.toString())
        const sig = Buffer.from(nacl.sign.detached(helloBytes(m.nonce), key.secretKey)).toString('base64url')
        ws.send(JSON.stringify({ type: 'hello', key: peerId, sig }))
      })
      ws.on('error', reject)
    })
    expect(JSON.parse(welcome)).toEqual({ type: 'welcome', peerId })
    const wsClosed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))

    expect(s.child.kill('SIGTERM')).toBe(true)
    expect(await s.exit).toBe(0)
    expect(await wsClosed).toBe(1001)
    expect(s.output()).toContain('SIGTERM received, shutting down')
  })

  it('exits 0 on SIGINT too', async () => {
    const s = await startCli(['--port', '0', '--quiet'])
    s.child.kill('SIGINT')
    expect(await s.exit).toBe(0)
    // --quiet prints the startup line and nothing else.
    expect(s.output()).toBe(s.line)
  })

  it('exits 2 with usage on bad arguments', async () => {
    const child = spawn(process.execPath, [bin, '--port', 'eighty'], { cwd: root })
    children.push(child)
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(err).toMatch(/--port must be an integer/)
    expect(err).toMatch(/Usage: echo-kit-signal/)
  })

  it('exits 1 with a hint when the port is taken', async () => {
    const first = await startCli(['--port', '0'])
    const child = spawn(process.execPath, [bin, '--port', String(first.port)], { cwd: root })
    children.push(child)
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(err).toMatch(/in use; try --port 0/)
  })
})

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:4100 and reads PORT/HOST', () => {
    expect(parseCliArgs([])).toEqual({ options: { port: 4100, host: '127.0.0.1' }, help: false, quiet: false })
    expect(parseCliArgs([], { PORT: '5000', HOST: '0.0.0.0' }).options).toEqual({ port: 5000, host: '0.0.0.0' })
    expect(parseCliArgs(['--port', '0'], { PORT: '5000' }).options.port).toBe(0)
  })

  it('maps limit flags and rejects nonsense', () => {
    const { options } = parseCliArgs([
      '--max-message-bytes', '2048', '--max-messages-per-second', '50', '--max-topics', '8', '--idle-timeout-ms', '30000',
    ])
    expect(options).toMatchObject({ maxMessageBytes: 2048, maxMessagesPerSecond: 50, maxTopicsPerConnection: 8, idleTimeoutMs: 30000 })
    expect(
      parseCliArgs([
        '--max-connections', '500', '--max-connections-per-ip', '10', '--max-total-topics', '900', '--max-topics-per-ip', '40',
        '--allowed-origins', 'https://a.example, https://b.example', '--trust-proxy',
      ]).options,
    ).toMatchObject({ maxConnections: 500, maxConnectionsPerIp: 10, maxTopics: 900, maxTopicsPerIp: 40, allowedOrigins: ['https://a.example', 'https://b.example'], trustProxy: true })
    expect(() => parseCliArgs(['--max-connections-per-ip', '0'])).toThrow(/>= 1/)
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/65535/)
    expect(() => parseCliArgs(['--port', '-1'])).toThrow()
    expect(() => parseCliArgs(['--max-topics', '0'])).toThrow(/>= 1/)
    expect(() => parseCliArgs(['--bogus'])).toThrow()
    expect(parseCliArgs(['-h']).help).toBe(true)
  })
})
