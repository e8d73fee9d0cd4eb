// `echo-kit-signal`: runs the signaling server until SIGINT/SIGTERM.
// Kept separate from startSignalingServer so importing the library never parses argv or
// installs signal handlers.
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from './startSignalingServer.ts'

const USAGE = `Usage: echo-kit-signal [--port 4100] [--host 127.0.0.1] [options]

  --port <n>                 TCP port, 0 picks a free one (default 4100, or $PORT)
  --host <addr>              interface to bind (default 127.0.0.1, or $HOST; 0.0.0.0 for all)
  --max-message-bytes <n>    largest frame accepted (default 65536)
  --max-messages-per-second <n>  per-connection rate (default 200)
  --max-topics <n>           topics per connection (default 64)
  --idle-timeout-ms <n>      close silent connections after this long (default 60000)
  --redis <url>              share topics with other processes through Redis (or $REDIS_URL)
  --max-connections <n>      open connections in total (default 10000)
  --max-connections-per-ip <n>  open connections from one address, IPv6 /64 (default 128)
  --max-total-topics <n>     distinct topics in total (default 100000)
  --max-topics-per-ip <n>    topic memberships from one address (default 1024)
  --allowed-origins <list>   comma-separated browser origins allowed to connect (default any)
  --trust-proxy              client address from X-Forwarded-For (behind your own proxy only)
  --quiet                    print only the startup line
  -h, --help                 show this help`

/**
 * Parses CLI arguments into server options; throws with a readable message on bad input.
 *
 * @example parseCliArgs(['--port', '0']) // { options: { port: 0, host: '127.0.0.1' }, help: false, quiet: false }
 */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = {}): {
  options: SignalingServerOptions
  help: boolean
  quiet: boolean
} {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'max-message-bytes': { type: 'string' },
      'max-messages-per-second': { type: 'string' },
      'max-topics': { type: 'string' },
      'idle-timeout-ms': { type: 'string' },
      redis: { type: 'string' },
      'max-connections': { type: 'string' },
      'max-connections-per-ip': { type: 'string' },
      'max-total-topics': { type: 'string' },
      'max-topics-per-ip': { type: 'string' },
      'allowed-origins': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const int = (name: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined
    const n = Number(text)
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
      throw new Error(`--${name} must be an integer >= ${min}, got '${text}'`)
    }
    return n
  }
  const port = int('port', values.port ?? env.PORT, 0) ?? 4100
  if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`)
  const options: SignalingServerOptions = { port, host: values.host ?? env.HOST ?? '127.0.0.1' }
  const maxMessageBytes = int('max-message-bytes', values['max-message-bytes'], 1)
  const maxMessagesPerSecond = int('max-messages-per-second', values['max-messages-per-second'], 1)
  const maxTopicsPerConnection = int('max-topics', values['max-topics'], 1)
  const idleTimeoutMs = int('idle-timeout-ms', values['idle-timeout-ms'], 1)
  if (maxMessageBytes !== undefined) options.maxMessageBytes = maxMessageBytes
  if (maxMessagesPerSecond !== undefined) options.maxMessagesPerSecond = maxMessagesPerSecond
  if (maxTopicsPerConnection !== undefined) options.maxTopicsPerConnection = maxTopicsPerConnection
  if (idleTimeoutMs !== undefined) options.idleTimeoutMs = idleTimeoutMs
  const redis = values.redis ?? env.REDIS_URL
  if (redis !== undefined) options.redis = redis
  const caps = {
    maxConnections: int('max-connections', values['max-connections'], 1),
    maxConnectionsPerIp: int('max-connections-per-ip', values['max-connections-per-ip'], 1),
    maxTopics: int('max-total-topics', values['max-total-topics'], 1),
    maxTopicsPerIp: int('max-topics-per-ip', values['max-topics-per-ip'], 1),
  }
  for (const [key, value] of Object.entries(caps)) if (value !== undefined) options[key as keyof typeof caps] = value
  const origins = values['allowed-origins']
  if (origins !== undefined) options.allowedOrigins = origins.split(',').map((o) => o.trim()).filter(Boolean)
  if (values['trust-proxy']) options.trustProxy = true
  return { options, help: values.help ?? false, quiet: values.quiet ?? false }
}

/**
 * Runs the CLI: starts the server, prints one startup line, stops cleanly on SIGINT/SIGTERM.
 * Resolves with the exit code once the server has stopped (or failed to start).
 *
 * @example process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed
  try {
    parsed = parseCliArgs(argv, env)
  } catch (err) {
    console.error(`echo-kit-signal: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (parsed.help) {
    console.log(USAGE)
    return 0
  }
  const { options, quiet } = parsed

  // Signal handlers go in before anything is printed: a supervisor that reacts to the startup
  // line (tests, Playwright's webServer) may send SIGTERM at once, and without a handler Node
  // would die by the signal instead of shutting down and exiting 0.
  let signalled: NodeJS.Signals | null = null
  let onSignal: (signal: NodeJS.Signals) => void = (signal) => {
    signalled = signal
  }
  let stopping = false
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1) // a second Ctrl-C means "now": do not wait for slow sockets
    stopping = true
    onSignal(signal)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  const removeHandlers = () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }

  let server: SignalingServer
  try {
    server = await startSignalingServer({
      ...options,
      log: quiet ? undefined : (line) => {
        // The startup line below is the one the user reads; the library's own is redundant.
        if (!line.startsWith('signaling: listening')) console.log(line)
      },
    })
  } catch (err) {
    removeHandlers()
    const e = err as NodeJS.ErrnoException
    const hint = e.code === 'EADDRINUSE' ? ` (port ${options.port} is in use; try --port 0)` : ''
    console.error(`echo-kit-signal: could not start: ${e.message}${hint}`)
    return 1
  }

  const exitCode = new Promise<number>((resolve) => {
    onSignal = (signal) => {
      if (!quiet) console.log(`echo-kit-signal: ${signal} received, shutting down`)
      server.close().then(
        () => resolve(0),
        (err: unknown) => {
          console.error(`echo-kit-signal: error while stopping: ${(err as Error).message}`)
          resolve(1)
        },
      )
    }
  })
  if (signalled) {
    onSignal(signalled)
  } else {
    const httpBase = server.url.replace(/^ws:/, 'http:')
    console.log(`echo-kit signaling server listening on ${server.url} (health: ${httpBase}/health)`)
  }
  const code = await exitCode
  removeHandlers()
  return code
}

/**
 * Runs the CLI as a process: exit code set from {@link runCli}. Used by bin/echo-kit-signal.js.
 *
 * @example await main() // blocks until SIGINT/SIGTERM
 */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const code = await runCli(argv)
  process.exitCode = code
  // Nothing should be left running, but a stray handle must not keep a stopped server alive.
  setTimeout(() => process.exit(code), 2_000).unref()
}

// Also runnable directly (`node --import tsx src/server/cli.ts`); importing it runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
