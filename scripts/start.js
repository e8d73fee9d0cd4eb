#!/usr/bin/env node
// `npm start`: the demo app (Vite) and, when present, the signaling server, side by side.
// Both are stopped together on Ctrl-C.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const children = []
function run(cmd, args, name) {
  const child = spawn(cmd, args, { stdio: 'inherit', env: process.env })
  child.on('exit', (code) => {
    console.log(`${name} exited (${code})`)
    shutdown(code ?? 0)
  })
  children.push(child)
}
let stopping = false
function shutdown(code) {
  if (stopping) return
  stopping = true
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  setTimeout(() => process.exit(code), 300)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

const signalPort = process.env.ECHO_SIGNAL_PORT ?? '4100'
if (existsSync('bin/echo-kit-signal.js')) {
  run(process.execPath, ['bin/echo-kit-signal.js', '--port', signalPort, '--host', '127.0.0.1'], 'signaling server')
}
run(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', process.env.PORT ?? '5173', '--strictPort'], 'demo')
