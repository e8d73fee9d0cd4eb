import { EchoProvider } from '../../../src/index.ts'

/** A client that cannot start (here: an invalid name) renders errorFallback, with a stable code. */
export function ProviderErrorExample() {
  return (
    <EchoProvider
      config={{ storage: 'memory', name: 'not a valid name!', broadcast: false }}
      errorFallback={(error) => (
        <p role="alert" style={{ margin: 0 }}>
          Could not start (<code>{error.code}</code>): {error.message}
        </p>
      )}
    >
      <p>Never shown.</p>
    </EchoProvider>
  )
}
