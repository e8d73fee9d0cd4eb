import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { EchoProvider, type Client } from 'echo-kit'
import { App } from './App'

// The test passes the signaling server's URL in the query string; an app would hard-code it.
const signaling = new URLSearchParams(location.search).get('signal') ?? 'ws://127.0.0.1:4100'

async function setUp(client: Client) {
  if (!client.identity) await client.createIdentity({ displayName: 'Ada' })
  if (!client.spaces.some((s) => !s.personal)) await client.createSpace({ name: 'Groceries' })
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EchoProvider config={{ storage: 'indexeddb', signaling }} onReady={setUp} fallback={<p>Loading…</p>}>
      <App />
    </EchoProvider>
  </StrictMode>,
)
