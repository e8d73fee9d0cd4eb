import type { Client } from '../core/index.ts'
import { useEchoContext } from './EchoContext.ts'

/**
 * The echo-kit client of the nearest `<EchoProvider>`.
 *
 * @example
 * const client = useClient()
 * await client.createSpace({ name: 'New' })
 */
export function useClient(): Client {
  return useEchoContext('useClient')
}
