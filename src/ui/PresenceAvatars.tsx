import type { ComponentPropsWithoutRef } from 'react'
import type { PresencePeer, Space } from '../core/index.ts'
import { usePresence } from '../react/index.ts'
import { useMessages, type MessagesOverride } from './EchoUIProvider.tsx'
import { Part, PartsScope } from './kit.tsx'
import type { PartClassNames } from './KitComponents.ts'
import { initialsOf, presenceColor } from './presenceColor.ts'

/**
 * Props of {@link PresenceAvatars}.
 *
 * @example
 * const props: PresenceAvatarsProps = { space, max: 4 }
 */
export interface PresenceAvatarsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The space whose present peers to show. */
  space?: Space | undefined
  /** Show these instead of the space's (stories, tests, or peers the app filtered). */
  peers?: readonly PresencePeer[] | undefined
  /** At most this many avatars; the rest are summed up in a "+N" part. Default 5. */
  max?: number | undefined
  /** Accessible name of the group. Default: the `presence.label` message. */
  label?: string | undefined
  /** Words for this part, merged over `EchoUIProvider`'s. */
  messages?: MessagesOverride | undefined
  /** Class names by part (`list`, `avatar`, `initials`, `name`, `more`, `empty`). */
  classNames?: PartClassNames | undefined
  /** Drop the look of `echo-kit/styles.css`. */
  unstyled?: boolean | undefined
}

/**
 * Who else is here now: a stack of avatars (initials on the member's colour), each with the
 * member's name on hover and keyboard focus. Names are always in the accessibility tree, so
 * screen readers read the list. One avatar per person: several devices of one member count once.
 * `data-state` is `empty` or `present`.
 *
 * @example
 * <PresenceAvatars space={space} max={4} />
 */
export function PresenceAvatars({ classNames, ...props }: PresenceAvatarsProps) {
  return (
    <PartsScope classNames={classNames}>
      <Avatars {...props} />
    </PartsScope>
  )
}

type StackProps = Omit<PresenceAvatarsProps, 'classNames' | 'space' | 'peers'> & { peers: readonly PresencePeer[] }

function Avatars({ space, peers, ...rest }: Omit<PresenceAvatarsProps, 'classNames'>) {
  // Given peers need no provider (stories, tests); a space is read live through usePresence.
  return peers ? <Stack peers={peers} {...rest} /> : <LiveStack space={space} {...rest} />
}

function LiveStack({ space, ...rest }: Omit<StackProps, 'peers'> & { space: Space | undefined }) {
  return <Stack peers={usePresence(space).peers} {...rest} />
}

function Stack({ peers, max = 5, label, messages, unstyled, ...rest }: StackProps) {
  const m = useMessages(messages).presence
  const people = onePerIdentity(peers)
  const shown = people.slice(0, Math.max(0, max))
  const hidden = people.slice(shown.length)
  const nameOf = (p: PresencePeer) => p.displayName.trim() || m.unnamed(p.identityKey.slice(0, 8))
  return (
    <Part part="presence-avatars" role="group" aria-label={label ?? m.label} {...rest} data-echo-presence="" data-state={people.length ? 'present' : 'empty'} data-unstyled={unstyled ? '' : undefined}>
      {people.length === 0 ? (
        <Part as="p" part="empty">
          {m.empty}
        </Part>
      ) : (
        <Part as="ul" part="list">
          {shown.map((p) => {
            const name = nameOf(p)
            return (
              // Focusable so keyboard users get the name a mouse shows on hover.
              <Part as="li" part="avatar" key={p.identityKey} tabIndex={0} data-identity={p.identityKey} data-color={presenceColor(p.identityKey)}>
                <Part as="span" part="initials" aria-hidden="true">
                  {initialsOf(p.displayName)}
                </Part>
                <Part as="span" part="name">
                  {name}
                </Part>
              </Part>
            )
          })}
          {hidden.length > 0 && (
            <Part as="li" part="more" tabIndex={0}>
              <Part as="span" part="initials" aria-hidden="true">
                +{hidden.length}
              </Part>
              <Part as="span" part="name">
                {m.moreLabel(hidden.length, hidden.map(nameOf).join(', '))}
              </Part>
            </Part>
          )}
        </Part>
      )}
    </Part>
  )
}

/** One entry per member: the most recently seen of their devices. */
function onePerIdentity(peers: readonly PresencePeer[]): PresencePeer[] {
  const byIdentity = new Map<string, PresencePeer>()
  for (const p of peers) {
    const seen = byIdentity.get(p.identityKey)
    if (!seen || p.lastSeen > seen.lastSeen) byIdentity.set(p.identityKey, p)
  }
  // Arrival order of the first device, so avatars do not jump around as devices beat.
  const order = [...new Set(peers.map((p) => p.identityKey))]
  return order.map((k) => byIdentity.get(k)!)
}
