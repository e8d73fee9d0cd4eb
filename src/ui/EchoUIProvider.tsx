import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { ComponentsContext, type KitComponents } from './KitComponents.ts'
import type { EchoMessages } from './EchoMessages.ts'
import { messagesEn } from './messagesEn.ts'

/**
 * A partial {@link EchoMessages}: any group or single message may be left out, and falls back
 * to English.
 *
 * @example
 * const words: MessagesOverride = { invite: { trigger: 'Share' }, close: 'Dismiss' }
 */
export type MessagesOverride = {
  [K in keyof EchoMessages]?: EchoMessages[K] extends (...args: never[]) => unknown
    ? EchoMessages[K]
    : EchoMessages[K] extends object
      ? { [L in keyof EchoMessages[K]]?: EchoMessages[K][L] extends object ? Partial<EchoMessages[K][L]> : EchoMessages[K][L] }
      : EchoMessages[K]
}

const MessagesContext = createContext<EchoMessages>(messagesEn)

/**
 * Merges `override` into `base`, two levels deep (a group such as `invite`, and inside it a
 * record such as `status`), so a translation can replace one sentence and keep the rest.
 *
 * @example
 * mergeMessages(messagesEn, { invite: { trigger: 'Share' } }).invite.trigger // 'Share'
 */
export function mergeMessages(base: EchoMessages, override: MessagesOverride | undefined): EchoMessages {
  if (!override) return base
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue
    const current = (base as unknown as Record<string, unknown>)[key]
    if (isRecord(value) && isRecord(current)) {
      const group: Record<string, unknown> = { ...current }
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue === undefined) continue
        group[inner] = isRecord(innerValue) && isRecord(current[inner]) ? { ...current[inner], ...innerValue } : innerValue
      }
      out[key] = group
    } else out[key] = value
  }
  return out as unknown as EchoMessages
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Props of {@link EchoUIProvider}.
 *
 * @example
 * const props: EchoUIProviderProps = { messages: messagesDe, children: null }
 */
export interface EchoUIProviderProps {
  /** Words for every echo-kit component below (merged over the provider above, then English). */
  messages?: MessagesOverride | undefined
  /** The app's own Button and Input, used inside echo-kit's panels and lists. */
  components?: KitComponents | undefined
  children: ReactNode
}

/**
 * Gives every echo-kit component below it its words: a whole translation (`messagesDe`) or a
 * few replaced sentences. Providers nest; a component's own `messages` prop wins over both.
 *
 * @example
 * <EchoUIProvider messages={messagesDe}>
 *   <InvitationDialog space={space} />
 * </EchoUIProvider>
 */
export function EchoUIProvider({ messages, components, children }: EchoUIProviderProps) {
  const parent = useContext(MessagesContext)
  const outer = useContext(ComponentsContext)
  const value = useMemo(() => mergeMessages(parent, messages), [parent, messages])
  const parts = useMemo(() => (components ? { ...outer, ...components } : outer), [outer, components])
  return (
    <ComponentsContext.Provider value={parts}>
      <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>
    </ComponentsContext.Provider>
  )
}

/**
 * The messages in effect here: English, then every {@link EchoUIProvider} above, then the
 * component's own `messages` prop.
 *
 * @example
 * const m = useMessages(props.messages)
 * return <button>{m.close}</button>
 */
export function useMessages(own?: MessagesOverride): EchoMessages {
  const provided = useContext(MessagesContext)
  return useMemo(() => mergeMessages(provided, own), [provided, own])
}
