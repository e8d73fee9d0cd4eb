import { useId, useState, type FormEvent } from 'react'
import { EchoProvider, buttonStyle, primaryButtonStyle, useClient, useIdentity, useSpaces } from '../../../src/index.ts'

/** One provider at the root of the app: it creates the client, and closes it on unmount. */
export function ProviderExample() {
  return (
    <EchoProvider
      // An app uses { storage: 'indexeddb', signaling: 'wss://…' }; this demo keeps everything in memory.
      config={{ storage: 'memory', name: 'docs-provider', broadcast: false }}
      fallback={<p>Starting echo-kit…</p>}
      errorFallback={(error) => <p role="alert">echo-kit could not start: {error.message}</p>}
    >
      <Welcome />
    </EchoProvider>
  )
}

function Welcome() {
  const client = useClient()
  const identity = useIdentity() // null until an identity exists on this device
  const spaces = useSpaces()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const id = useId()

  if (!identity) {
    const create = async (event: FormEvent) => {
      event.preventDefault()
      setBusy(true)
      await client.createIdentity({ displayName: name.trim() || 'Ada' })
    }
    return (
      <form onSubmit={create} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: '0.5rem' }}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: '0.25rem' }}>
          <label htmlFor={id}>Your name</label>
          <input id={id} value={name} placeholder="Ada" onChange={(e) => setName(e.target.value)} style={{ padding: '0.45em 0.6em' }} />
        </div>
        <button type="submit" disabled={busy} style={primaryButtonStyle}>
          Create identity
        </button>
      </form>
    )
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem', alignItems: 'flex-start' }}>
      <p style={{ margin: 0 }}>
        Hello {identity.displayName}. Identity key <code>{identity.identityKey.slice(0, 12)}…</code>
      </p>
      <p style={{ margin: 0 }}>
        {spaces.length === 1 ? '1 space' : `${spaces.length} spaces`}: {spaces.map((s) => s.name || 'Untitled').join(', ')}
      </p>
      <button type="button" style={buttonStyle} onClick={() => void client.createSpace({ name: `Project ${spaces.length}` })}>
        Create a space
      </button>
    </div>
  )
}
