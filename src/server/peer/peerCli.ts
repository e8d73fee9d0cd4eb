// `echo-kit-peer`: runs an always-on peer until SIGINT/SIGTERM, then flushes and exits 0.
// Kept apart from startPeer so importing the library never parses argv or installs handlers.
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { startPeer, type AlwaysOnPeer, type PeerOptions } from './startPeer.ts'

const USAGE = `Usage: echo-kit-peer --directory <dir> --signaling <ws-url> [options]

  --directory <dir>      where the peer keeps its files (restarting on it resumes)
  --signaling <url>      signaling server; repeat for fail-over (or $ECHO_SIGNALING)
  --port <n>             HTTP port for /health and /metrics (default 4200, 0 = any)
  --host <addr>          interface for /health and /metrics (default 127.0.0.1)
  --bind-address <addr>  local address for WebRTC candidates (e.g. 127.0.0.1)
  --name <name>          display name of the identity created on first start
  --join <code>          first start only: join as a device of your identity (device invitation code)
  --serve <address>      also serve this space (its address); repeatable
  -h, --help             show this help`

/**
 * Parses the command line into peer options; throws with a readable message on bad input.
 *
 * @example parsePeerArgs(['--directory', 'data', '--signaling', 'ws://127.0.0.1:4100'])
 */
export function parsePeerArgs(argv: string[], env: NodeJS.ProcessEnv = {}): { options: PeerOptions; serve: string[]; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      directory: { type: 'string' },
      signaling: { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      'bind-address': { type: 'string' },
      name: { type: 'string' },
      join: { type: 'string' },
      serve: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return { options: { directory: '', signaling: [] }, serve: [], help: true }
  const signaling = values.signaling ?? (env.ECHO_SIGNALING ? [env.ECHO_SIGNALING] : [])
  if (!values.directory) throw new Error('--directory is required')
  if (!signaling.length) throw new Error('--signaling is required')
  const port = values.port === undefined ? 4200 : Number(values.port)
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) throw new Error(`--port must be 0-65535, got '${values.port}'`)
  const options: PeerOptions = { directory: values.directory, signaling, port, host: values.host ?? '127.0.0.1' }
  if (values['bind-address']) options.bindAddress = values['bind-address']
  if (values.name) options.displayName = values.name
  if (values.join) {
    options.deviceInvitation = values.join
    options.authCode = async () => {
      const rl = createInterface({ input: process.stdin, output: process.stdout })
      try {
        return (await rl.question('Enter the 6-digit code your other device shows: ')).trim()
      } finally {
        rl.close()
      }
    }
  }
  return { options, serve: values.serve ?? [], help: false }
}

/**
 * Runs the peer until SIGINT/SIGTERM; resolves with the exit code once it has stopped.
 *
 * @example process.exitCode = await runPeerCli(process.argv.slice(2))
 */
export async function runPeerCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed
  try {
    parsed = parsePeerArgs(argv, env)
  } catch (error) {
    console.error(`echo-kit-peer: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (parsed.help) {
    console.log(USAGE)
    return 0
  }
  // Handlers first: a supervisor may send SIGTERM as soon as it sees the startup line.
  let stop: () => void = () => void (stopRequested = true)
  let stopRequested = false
  const handler = () => stop()
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  const removeHandlers = () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
  let peer: AlwaysOnPeer
  try {
    peer = await startPeer(parsed.options)
    for (const address of parsed.serve) await peer.serve(address)
  } catch (error) {
    removeHandlers()
    console.error(`echo-kit-peer: could not start: ${(error as Error).message}`)
    return 1
  }
  const stopped = new Promise<number>((resolve) => {
    stop = () => {
      console.log('echo-kit-peer: stopping (flushing to disk)')
      peer.close().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`echo-kit-peer: error while stopping: ${(error as Error).message}`)
          resolve(1)
        },
      )
    }
  })
  if (stopRequested) stop()
  else {
    const identity = peer.client.identity!
    console.log(`echo-kit peer ${identity.identityKey} (${identity.displayName}) serving ${peer.client.spaces.length} spaces; health: ${peer.url}/health, metrics: ${peer.url}/metrics`)
  }
  const code = await stopped
  removeHandlers()
  return code
}
