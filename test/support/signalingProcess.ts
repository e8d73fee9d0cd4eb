import { spawn, type ChildProcess } from 'node:child_process'

/** A real signaling server process on 127.0.0.1 (a free port), stopped by its PID (`kill` for a crash). */
export async function startSignalingProcess(extraArgs: string[] = []): Promise<{ url: string; port: number; stop: () => Promise<void>; kill: () => Promise<void>; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/echo-kit-signal.js', '--port', '0', '--host', '127.0.0.1', '--quiet', ...extraArgs], {
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
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
