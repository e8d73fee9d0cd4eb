import { useEffect, useRef, useState, type ReactNode } from 'react'
import { createClient, EchoError, type Client, type ClientOptions } from '../core/index.ts'
import { EchoContext } from './EchoContext.ts'

/** Props of {@link EchoProvider}: either a ready client, or a config to create one. */
export type EchoProviderProps = {
  children?: ReactNode | undefined
  /** Rendered while the client starts (config mode). */
  fallback?: ReactNode | undefined
  /** Rendered when the client fails to start; a function gets the error. */
  errorFallback?: ReactNode | ((error: EchoError) => ReactNode)
  /** Throw start-up errors to the nearest error boundary instead of rendering errorFallback. */
  throwOnError?: boolean | undefined
  /** Called once the client is ready (config mode), e.g. to create an identity. */
  onReady?: ((client: Client) => void | Promise<void>) | undefined
} & ({ client: Client; config?: never } | { config: ClientOptions; client?: never })

/** What the provider is doing (config mode). */
export type ProviderStatus = 'connecting' | 'ready' | 'error'

type Owned = { promise: Promise<Client>; users: number; closeTimer?: ReturnType<typeof setTimeout> }

/**
 * Makes an echo-kit client available to the hooks below it.
 *
 * With `client`, it uses an engine made outside React. With `config`, it creates one client,
 * renders `fallback` until it is ready, and closes it on unmount. Safe under StrictMode: the
 * double effect reuses the same client instead of creating a second one.
 *
 * @example
 * <EchoProvider config={{ storage: 'indexeddb' }} fallback={<Spinner />}>
 *   <App />
 * </EchoProvider>
 */
export function EchoProvider(props: EchoProviderProps) {
  const { children, fallback = null, errorFallback, throwOnError, onReady } = props
  const owned = useRef<Owned | null>(null)
  const [state, setState] = useState<{ status: ProviderStatus; client?: Client; error?: EchoError }>(() =>
    props.client ? { status: 'ready', client: props.client } : { status: 'connecting' },
  )
  const config = props.config
  const onReadyRef = useRef(onReady)
  onReadyRef.current = onReady

  useEffect(() => {
    if (props.client || !config) return
    // StrictMode mounts, unmounts and mounts again: the pending close is cancelled and the
    // same client reused, so exactly one client ever exists per provider.
    let entry = owned.current
    if (!entry) {
      entry = owned.current = {
        users: 0,
        promise: createClient(config).then(async (client) => {
          await onReadyRef.current?.(client)
          return client
        }),
      }
    }
    clearTimeout(entry.closeTimer)
    entry.users++
    let live = true
    entry.promise.then(
      (client) => live && setState({ status: 'ready', client }),
      (error: unknown) =>
        live &&
        setState({
          status: 'error',
          error: error instanceof EchoError ? error : new EchoError('STORAGE_FAILED', `echo-kit could not start: ${(error as Error)?.message ?? error}`, { cause: error }),
        }),
    )
    const current = entry
    return () => {
      live = false
      current.users--
      current.closeTimer = setTimeout(() => {
        if (current.users > 0) return
        if (owned.current === current) owned.current = null
        // A client that failed to start has nothing to close; the provider already showed its error.
        current.promise.then((c) => c.close()).catch(() => undefined)
      }, 0)
    }
    // The config is read once, like a useState initialiser: a new client per config object
    // would lose local state on every parent render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.client])

  const client = props.client ?? state.client
  if (props.client) return <EchoContext.Provider value={props.client}>{children}</EchoContext.Provider>
  if (state.status === 'error') {
    if (throwOnError) throw state.error
    if (typeof errorFallback === 'function') return <>{errorFallback(state.error!)}</>
    if (errorFallback !== undefined) return <>{errorFallback}</>
    return (
      <div role="alert" data-echo-error={state.error!.code}>
        echo-kit could not start: {state.error!.message}
      </div>
    )
  }
  if (!client) return <>{fallback}</>
  return <EchoContext.Provider value={client}>{children}</EchoContext.Provider>
}
