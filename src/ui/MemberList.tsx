import { useId, useLayoutEffect, useRef, useState, type ComponentPropsWithoutRef, type CSSProperties } from 'react'
import type { Member, Role, Space } from '../core/index.ts'
import { useIdentity, useMembers } from '../react/index.ts'
import { ConfirmAction } from './ConfirmAction.tsx'
import { panelStyles } from './panelStyles.ts'
import { styleFor, tokens, visuallyHidden } from './theme.ts'
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
  /** Accessible name of the list. Default "Members". */
  label?: string
  /** Called after a member was removed. */
  onRemoved?: (member: Member) => void
  /** Drop the default inline styles (keep `data-*` attributes for your own CSS). */
  unstyled?: boolean
}

const roleNames: Record<Role, string> = { owner: 'Owner', admin: 'Admin', editor: 'Editor', reader: 'Reader' }

/**
 * A member's name for display: their display name, or the start of their key.
 *
 * @example
 * memberName({ identityKey: 'ab12…', role: 'editor' }) // 'Member ab12cd34'
 */
function memberName(member: Member): string {
  return member.displayName?.trim() || `Member ${member.identityKey.slice(0, 8)}`
}

/**
 * The members of a space, live: display name, role and a "you" marker. Owners and admins get a
 * Remove button for every other member, with a confirm step; a failure is shown as text. After
 * a removal a status line says so and focus moves to the list (the row that had it is gone).
 *
 * @example
 * <MemberList space={space} />
 */
export function MemberList({ space, label = 'Members', onRemoved, unstyled, style, ...rest }: MemberListProps) {
  const members = useMembers(space)
  const identity = useIdentity()
  const spaceName = useSpaceName(space)
  const me = members.find((m) => m.identityKey === identity?.identityKey)
  const canManage = me?.role === 'owner' || me?.role === 'admin'
  const [announcement, setAnnouncement] = useState('')
  const [focusList, setFocusList] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  const ids = useId()
  useLayoutEffect(() => {
    if (focusList) listRef.current?.focus()
  }, [focusList])
  const s = (css: CSSProperties) => (unstyled ? undefined : css)

  const remove = async (member: Member) => {
    if (!space) return
    const name = memberName(member)
    try {
      await space.removeMember(member.identityKey)
    } catch (error) {
      throw new Error(`Could not remove ${name}: ${(error as Error)?.message ?? error}`)
    }
    // Every peer applies the same rules to the signed removal; the space's creator stays.
    if (space.members.some((m) => m.identityKey === member.identityKey)) {
      throw new Error(`${name} is still a member: this space does not let you remove them.`)
    }
    setAnnouncement(`${name} was removed from ${spaceName || 'the space'}.`)
    setFocusList((n) => n + 1)
    onRemoved?.(member)
  }

  return (
    <div {...rest} data-echo-member-list="" data-state={space ? (space.status === 'ready' ? 'ready' : 'loading') : 'empty'} style={styleFor(unstyled, rootStyle, style)}>
      <ul ref={listRef} tabIndex={-1} aria-label={label} aria-describedby={`${ids}count`} style={s(panelStyles.list)}>
        {members.map((member) => {
          const self = member.identityKey === identity?.identityKey
          const name = memberName(member)
          return (
            <li key={member.identityKey} data-role={member.role} data-self={self ? '' : undefined} style={s(panelStyles.row)}>
              <div style={s(panelStyles.rowMain)}>
                <span style={s({ fontWeight: 500 })}>
                  {name}
                  {self && (
                    <span data-part="you" style={s(panelStyles.tag)}>
                      <span style={visuallyHidden}>(</span>you<span style={visuallyHidden}>)</span>
                    </span>
                  )}
                </span>
                <span data-part="role" style={s(panelStyles.hint)}>
                  {roleNames[member.role]}
                </span>
              </div>
              {canManage && !self && (
                <ConfirmAction
                  label="Remove"
                  subject={name}
                  question={`Remove ${name}${spaceName ? ` from ${spaceName}` : ''}?`}
                  cancelLabel="Keep"
                  pendingLabel={`Removing ${name}…`}
                  onConfirm={() => remove(member)}
                  unstyled={unstyled}
                />
              )}
            </li>
          )
        })}
      </ul>
      <p id={`${ids}count`} style={s({ ...panelStyles.hint, marginTop: '0.5rem' })}>
        {!space ? 'No space selected.' : members.length === 0 ? 'Loading members…' : members.length === 1 ? '1 member' : `${members.length} members`}
      </p>
      {/* Always mounted so the announcement after a removal is read out. */}
      <p role="status" style={visuallyHidden}>
        {announcement}
      </p>
    </div>
  )
}

const rootStyle: CSSProperties = { fontFamily: tokens.font, color: tokens.fg }
