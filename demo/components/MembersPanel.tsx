import { InvitationDialog, MemberList, useIdentity, useMembers, type Role, type Space } from '../../src/index.ts'
import { linkBase } from '../useJoinLink.ts'
import { LockIcon, ShieldIcon, UserPlusIcon } from './icons.tsx'

const article: Record<Role, string> = { owner: 'an owner', admin: 'an admin', editor: 'an editor', reader: 'a reader' }

/** Who may invite to a space, and if not, why (shown next to the Invite button and the members). */
export function useInvitePermission(space: Space): { canInvite: boolean; reason: string } {
  const members = useMembers(space)
  const identity = useIdentity()
  const me = members.find((m) => m.identityKey === identity?.identityKey)
  if (space.personal) {
    return { canInvite: false, reason: 'Your personal space is private: only your own devices open it. Create a space to share tasks with people.' }
  }
  if (!me) return { canInvite: false, reason: 'Loading the members of this space…' }
  if (me.role !== 'owner' && me.role !== 'admin') {
    return { canInvite: false, reason: `Only owners and admins can invite people. You are ${article[me.role]} here.` }
  }
  return { canInvite: true, reason: '' }
}

/**
 * The Invite button of a space: the invitation dialog for owners and admins; otherwise a button
 * that stays focusable and says why it does nothing (`aria-disabled` + the reason as its
 * description, which the Members panel also shows).
 */
export function InviteButton({ space, reasonId }: { space: Space; reasonId: string }) {
  const { canInvite, reason } = useInvitePermission(space)
  if (canInvite) {
    return (
      <InvitationDialog
        space={space}
        linkBase={linkBase()}
        trigger={
          <button type="button" className="btn btn--primary">
            <UserPlusIcon />
            <span>Invite</span>
          </button>
        }
      />
    )
  }
  return (
    <button type="button" className="btn" aria-disabled="true" aria-describedby={reasonId} title={reason}>
      {space.personal ? <LockIcon /> : <UserPlusIcon />}
      <span>Invite</span>
    </button>
  )
}

/** The members of a space (who can open it, with their roles); owners and admins can remove others. */
export function MembersPanel({ space, reasonId }: { space: Space; reasonId: string }) {
  const { canInvite, reason } = useInvitePermission(space)
  const name = space.name || 'this space'
  return (
    <section className="panel members" aria-labelledby="members-heading">
      <h2 className="panel__heading" id="members-heading">
        <ShieldIcon />
        Members
      </h2>
      <MemberList space={space} label={`Members of ${name}`} className="member-list" />
      <p className="members__hint muted small" id={reasonId}>
        {canInvite ? 'Invite people with the Invite button: they join as editors and sync with you directly.' : reason}
      </p>
    </section>
  )
}
