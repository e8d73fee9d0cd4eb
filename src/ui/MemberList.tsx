import { useId, useLayoutEffect, useRef, useState, type ComponentPropsWithoutRef } from 'react'
import type { Member, Role, Space } from '../core/index.ts'
import { useIdentity, useMembers } from '../react/index.ts'
import { ConfirmAction } from './ConfirmAction.tsx'
import { useMessages, type MessagesOverride } from './EchoUIProvider.tsx'
import { Part, PartsScope, visuallyHidden } from './kit.tsx'
import type { KitComponents, PartClassNames } from './KitComponents.ts'
import { useSpaceName } from './useSpaceName.ts'

/**
 * Props of {@link MemberList}.
 *
 * @example
 * const props: MemberListProps = { space, label: 'People in Team' }
 */
export interface MemberListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The space whose members to list. */
  space: Space | undefined
  /** Accessible name of the list. Default: the `members.label` message. */
  label?: string | undefined
  /** Called after a member was removed. */
  onRemoved?: ((member: Member) => void) | undefined
  /** Words for this list, merged over `EchoUIProvider`'s. */
  messages?: MessagesOverride | undefined
  /** Class names by part (`list`, `row`, `name`, `role`, `you`, `count`, `action`, …). */
  classNames?: PartClassNames | undefined
  /** The app's own Button for the Remove buttons. */
  components?: KitComponents | undefined
  /** Drop the look of `echo-kit/styles.css`. */
  unstyled?: boolean | undefined
}

const RANK: Record<Role, number> = { owner: 0, admin: 1, editor: 2, reader: 3 }

/**
 * Whether `me` may remove `member`, by the rules every peer applies: owners and admins remove
 * others, never someone above their own role. Owners are never offered: the engine does not
 * tell which owner created the space (who can never be removed), and an owner is rarely
 * removed from a list.
 *
 * @example canRemove(me, bob) // true for an admin and an editor Bob
 */
function canRemove(me: Member | undefined, member: Member): boolean {
  if (!me || me.identityKey === member.identityKey) return false
  if (me.role !== 'owner' && me.role !== 'admin') return false
  return member.role !== 'owner' && RANK[member.role] >= RANK[me.role]
}

/**
 * The members of a space, live: display name, role and a "you" marker. Owners and admins get a
 * Remove button only for the members the space lets them remove, with a confirm step; a
 * failure is shown as text. After a removal a status line says so and focus moves to the list
 * (the row that had it is gone).
 *
 * @example
 * <MemberList space={space} />
 */
export function MemberList({ classNames, components, ...props }: MemberListProps) {
  return (
    <PartsScope classNames={classNames} components={components}>
      <List {...props} />
    </PartsScope>
  )
}

function List({ space, label, onRemoved, messages, unstyled, ...rest }: Omit<MemberListProps, 'classNames' | 'components'>) {
  const all = useMessages(messages)
  const m = all.members
  const members = useMembers(space)
  const identity = useIdentity()
  const spaceName = useSpaceName(space)
  const me = members.find((x) => x.identityKey === identity?.identityKey)
  const [announcement, setAnnouncement] = useState('')
  const [focusList, setFocusList] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  const ids = useId()
  useLayoutEffect(() => {
    if (focusList) listRef.current?.focus()
  }, [focusList])

  const nameOf = (member: Member) => member.displayName?.trim() || m.unnamed(member.identityKey.slice(0, 8))

  const remove = async (member: Member) => {
    if (!space) return
    const name = nameOf(member)
    try {
      await space.removeMember(member.identityKey)
    } catch (error) {
      throw new Error(m.removeFailed(name, String((error as Error)?.message ?? error)))
    }
    // Every peer applies the same rules to the signed removal.
    if (space.members.some((x) => x.identityKey === member.identityKey)) throw new Error(m.stillMember(name))
    setAnnouncement(m.removed(name, spaceName))
    setFocusList((n) => n + 1)
    onRemoved?.(member)
  }

  return (
    <Part
      part="member-list"
      {...rest}
      data-echo-member-list=""
      data-state={space ? (space.status === 'ready' ? 'ready' : 'loading') : 'empty'}
      data-unstyled={unstyled ? '' : undefined}
    >
      <Part as="ul" part="list" ref={listRef} tabIndex={-1} aria-label={label ?? m.label} aria-describedby={`${ids}count`}>
        {members.map((member) => {
          const self = member.identityKey === identity?.identityKey
          const name = nameOf(member)
          return (
            <Part as="li" part="row" key={member.identityKey} data-role={member.role} data-self={self ? '' : undefined}>
              <Part part="row-main">
                <Part as="span" part="name">
                  {name}
                  {self && (
                    <Part as="span" part="you">
                      <span style={visuallyHidden}>(</span>
                      {m.you}
                      <span style={visuallyHidden}>)</span>
                    </Part>
                  )}
                </Part>
                <Part as="span" part="role">
                  {all.roles[member.role]}
                </Part>
              </Part>
              {canRemove(me, member) && (
                <ConfirmAction
                  label={m.remove}
                  subject={name}
                  question={m.removeQuestion(name, spaceName)}
                  cancelLabel={m.keep}
                  pendingLabel={m.removing(name)}
                  onConfirm={() => remove(member)}
                />
              )}
            </Part>
          )
        })}
      </Part>
      <Part as="p" part="count" id={`${ids}count`}>
        {!space ? m.noSpace : members.length === 0 ? m.loading : m.count(members.length)}
      </Part>
      {/* Always mounted so the announcement after a removal is read out. */}
      <p role="status" style={visuallyHidden}>
        {announcement}
      </p>
    </Part>
  )
}
