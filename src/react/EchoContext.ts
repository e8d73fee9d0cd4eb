import { createContext, useContext } from 'react'
import type { Client } from '../core/index.ts'

/** Shared within src/react (not exported from the package). The client the nearest EchoProvider holds (undefined outside one). */
export const EchoContext = createContext<Client | undefined>(undefined)

/**
 * Shared within src/react (not exported from the package). Reads the provider's client; a hook used outside `<EchoProvider>` fails at once with
 * a message that says how to fix it.
 */
export function useEchoContext(hook: string): Client {
  const client = useContext(EchoContext)
  if (!client) {
    throw new Error(
      `${hook}() must be used inside <EchoProvider>. Wrap your app: ` +
        `<EchoProvider config={{}} fallback={<p>Loading…</p>}><App /></EchoProvider> ` +
        `or <EchoProvider client={client}>.`,
    )
  }
  return client
}
