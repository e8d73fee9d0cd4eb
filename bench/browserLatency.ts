// echo-kit between two Chromium contexts over real WebRTC (signaling server + Vite dev server
// started here, stopped here): write on A -> visible on B, a burst of 1,000 writes, and a new
// peer syncing a 10,000-object space. Clock: performance.timeOrigin + now() in each page
// (the same machine clock, sub-millisecond).
import { spawn, type ChildProcess } from 'node:child_process'
import { chromium, type Page } from 'playwright-core'

type Row = { name: string; value: number; unit: string }

function start(cmd: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${out.slice(-500)}`)), 30_000)
    const onData = (b: Buffer) => {
      out += b.toString()
      const m = ready.exec(out.replace(/\x1b\[[0-9;]*m/g, ''))
      if (m) {
        clearTimeout(timer)
        resolve({ child, match: m })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
  })
}

const stop = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))))
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const round = (x: number) => Math.round(x * 100) / 100

async function harness(page: Page, base: string, name: string) {
  await page.goto(`${base}/e2e.html`)
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready')
  await page.evaluate(async (name) => {
    const w = window as any
    w.client = await w.echo.createClient({ storage: 'memory', name, signaling: w.signalingUrl, broadcast: false })
    await w.client.createIdentity({ displayName: name })
  }, name)
}

export async function benchBrowserLatency(): Promise<Row[]> {
  const signal = await start(process.execPath, ['bin/echo-kit-signal.js', '--port', '0', '--quiet'], {}, /listening on ws:\/\/127\.0\.0\.1:(\d+)/)
  const port = 5290 + (process.pid % 100)
  const vite = await start(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { ECHO_SIGNAL_PORT: signal.match[1]! }, /ready in/)
  const base = `http://127.0.0.1:${port}`
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream'],
  })
  const rows: Row[] = []
  try {
    const [ca, cb, cc] = await Promise.all([1, 2, 3].map(() => browser.newContext({ permissions: ['microphone'] })))
    const [a, b, c] = await Promise.all([ca!.newPage(), cb!.newPage(), cc!.newPage()])
    await harness(a!, base, 'a')
    await harness(b!, base, 'b')
    await harness(c!, base, 'c')
    const keyB = await b!.evaluate(() => (window as any).client.identity.identityKey)
    const keyC = await c!.evaluate(() => (window as any).client.identity.identityKey)
    const { address, id } = await a!.evaluate(async ([kb, kc]) => {
      const w = window as any
      const space = await w.client.createSpace({ name: 'bench' })
      await space.admit({ identityKey: kb })
      await space.admit({ identityKey: kc })
      w.space = space
      w.obj = space.db.add({ n: -1 })
      return { address: space.address, id: w.obj['@id'] }
    }, [keyB, keyC])
    await b!.evaluate(async ([address, id]) => {
      const w = window as any
      w.space = await w.client.openSpace(address, { timeout: 30000 })
      while (!w.space.db.get(id)) await new Promise((r) => setTimeout(r, 10))
      w.seen = new Map()
      w.space.db.subscribeObject(id, () => {
        const n = w.space.db.get(id)?.n
        if (typeof n === 'number' && !w.seen.has(n)) w.seen.set(n, performance.timeOrigin + performance.now())
      })
    }, [address, id])

    // 1. write on A -> visible on B, one at a time, after a pause (automerge-repo throttles
    //    sync to one round per 100 ms, so back-to-back writes wait; a write after a pause does not).
    const latencies: number[] = []
    const rapid: number[] = []
    for (let i = 0; i < 130; i++) {
      if (i >= 10 && i < 110) await a!.waitForTimeout(130)
      const sent = await a!.evaluate((i) => {
        const w = window as any
        const t = performance.timeOrigin + performance.now()
        w.obj.n = i
        return t
      }, i)
      const got = await b!.waitForFunction((i) => (window as any).seen.get(i), i, { polling: 'raf', timeout: 10_000 }).then((h) => h.jsonValue() as Promise<number>)
      if (i >= 10 && i < 110) latencies.push(got - sent)
      else if (i >= 110) rapid.push(got - sent)
    }
    rows.push({ name: 'Chromium A -> B write visible (after a pause), p50', value: round(pct(latencies, 50)), unit: 'ms' })
    rows.push({ name: 'Chromium A -> B write visible (after a pause), p99', value: round(pct(latencies, 99)), unit: 'ms' })
    rows.push({ name: 'Chromium A -> B write visible (back-to-back writes), p50', value: round(pct(rapid, 50)), unit: 'ms' })

    // 2. burst of 1,000 writes (objects) on A -> all on B.
    await b!.evaluate(() => {
      const w = window as any
      w.burstDone = new Promise<number>((resolve) => {
        const off = w.space.db.subscribe(() => {
          if (w.space.db.query({ burst: true }).objects.length >= 1000) {
            off()
            resolve(performance.timeOrigin + performance.now())
          }
        })
      })
    })
    const burstStart = await a!.evaluate(() => {
      const w = window as any
      const t = performance.timeOrigin + performance.now()
      for (let i = 0; i < 1000; i++) w.space.db.add({ burst: true, i })
      return t
    })
    const burstEnd = await b!.evaluate(() => (window as any).burstDone as Promise<number>)
    rows.push({ name: 'Chromium burst of 1,000 writes on A -> all on B', value: round(burstEnd - burstStart), unit: 'ms' })

    // 3. a new peer joins a 10,000-object space.
    await a!.evaluate(async () => {
      const w = window as any
      for (let i = 0; i < 9000; i++) w.space.db.add({ '@type': 'task', title: `t${i}`, done: false })
      await w.space.db.flush()
    })
    const joinMs = await c!.evaluate(async (address) => {
      const w = window as any
      const t = performance.now()
      const space = await w.client.openSpace(address, { timeout: 60000 })
      while (space.db.size < 10001) await new Promise((r) => setTimeout(r, 5))
      return performance.now() - t
    }, address)
    rows.push({ name: 'Chromium new peer has all of a 10,001-object space', value: round(joinMs), unit: 'ms' })
    await Promise.all([ca!.close(), cb!.close(), cc!.close()])
  } finally {
    await browser.close()
    await stop(vite.child)
    await stop(signal.child)
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchBrowserLatency()) console.log(`${r.name}: ${r.value} ${r.unit}`)
}
