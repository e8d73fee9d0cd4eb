// A page for Playwright: exposes the public engine API on `window.echo`, so browser tests can
// drive real clients (real IndexedDB, real WebRTC, the real signaling server) in each context.
import * as echo from '../src/core.ts'

declare global {
  interface Window {
    echo: typeof echo
    signalingUrl: string
  }
}

window.echo = echo
window.signalingUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`
document.getElementById('status')!.textContent = 'ready'
