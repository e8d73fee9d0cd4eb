import { spawn, type ChildProcess } from 'node:child_process'

/** A real signaling server process on 127.0.0.1 (a free port), stopped by its PID. */
export async function startSignalingProcess(): Promise<{ url: string; port: number; stop: () => Promise<void>; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/echo-kit-signal.js', '--port', '0', '--host', '127.0.0.1', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`signaling server did not start: ${out}`)), 15_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on (ws:\/\/[\d.]+:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.on('exit', (code) => reject(new Error(`signaling server exited (${code}): ${out}`)))
  })
  const port = Number(new URL(url).port)
  return {
    url,
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
