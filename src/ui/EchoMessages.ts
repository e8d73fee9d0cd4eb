import type { InvitationState, Role } from '../core/index.ts'

/**
 * The words of the host side of an invitation: inviting a person to a space
 * ({@link EchoMessages.invite}) or adding a device ({@link EchoMessages.addDevice}).
 *
 * @example
 * const host: Partial<HostMessages> = { trigger: 'Share' }
 */
export interface HostMessages {
  trigger: string
  title: (spaceName: string) => string
  /** The dialog description of each step: it follows the flow. */
  describe: { creating: string; waiting: string; auth: string }
  /** The status line (visible badge and live region) of each state. */
  status: Record<InvitationState, string>
  qrLinkLabel: string
  qrCodeLabel: string
  linkLabel: string
  copyLink: string
  codeLabel: string
  copyCode: string
  /** Summary of the disclosure that holds the raw code behind the link. */
  showCode: string
  validUntil: (time: string) => string
  sendHint: string
  wrongCodeEntered: (attemptsLeft: number) => string
  cancelInvitation: string
  newInvitation: string
  successHeading: (guestName: string, spaceName: string) => string
  successMessage: (role: Role) => string
  expiredHeading: string
  expiredMessage: string
  cancelledHeading: string
  cancelledByYou: string
  cancelledByGuest: string
  tooManyHeading: string
  tooManyMessage: string
  failedHeading: string
  noIdentity: string
  forbidden: string
  /** Shown on the trigger while an invitation made with this dialog is still open. */
  pendingBadge: string
}

/**
 * The words of the guest side: joining a space ({@link EchoMessages.join}) or linking a new
 * device ({@link EchoMessages.joinDevice}).
 *
 * @example
 * const guest: Partial<GuestMessages> = { join: 'Accept' }
 */
export interface GuestMessages {
  trigger: string
  title: string
  describe: { form: string; connecting: string; pin: string; success: string; failed: string }
  /** The status line of each state ('' says nothing, e.g. while the form is shown). */
  status: Record<InvitationState, string>
  codeLabel: string
  codeHint: string
  join: string
  emptyCode: string
  wrongKind: string
  expiredCode: string
  alreadyHasIdentity: (name: string) => string
  keepOpen: string
  pinLabel: string
  enterAllDigits: string
  wrongCode: (attemptsLeft: number) => string
  checking: string
  verify: string
  verifying: string
  successHeading: (name: string) => string
  successMessage: string
  successAction: string
  expiredHeading: string
  expiredMessage: string
  cancelledByHostHeading: string
  cancelledByHost: string
  cancelledHereHeading: string
  cancelledHere: string
  tooManyHeading: string
  tooManyMessage: string
  networkHeading: string
  networkMessage: string
  /** A dead link: nobody holds the invitation any more (`INVITATION_UNAVAILABLE`). */
  unavailableHeading: string
  unavailableMessage: string
  failedHeading: string
  again: string
  /**
   * Who invited, and to which space, once the host said so (either may be ''). These are the
   * host's own claims, cleaned to plain text by the engine.
   */
  invitedBy: (hostName: string, spaceName: string) => string
  /** Scanning the QR code of the 6-digit code with the camera. */
  scan: string
  scanStop: string
  scanLabel: string
  scanning: string
  cameraDenied: string
  cameraUnavailable: string
}

/**
 * The words of linking a new device: the guest's words plus the field that names the device.
 *
 * @example
 * const linking: Partial<JoinDeviceMessages> = { deviceNameLabel: 'Device name' }
 */
export interface JoinDeviceMessages extends GuestMessages {
  deviceNameLabel: string
  deviceNameHint: string
  /** The name suggested for the new device from its browser and system (the user may change it). */
  deviceNameGuess: (browser: string, system: string) => string
}

/**
 * Every word the UI kit shows or announces. Give a partial object to {@link EchoUIProvider}
 * (for the whole app) or to a component's `messages` prop (for one); the rest stays English.
 * `messagesDe` (German) is complete and shows the shape of a translation; `messagesEn` is the default.
 *
 * @example
 * <EchoUIProvider messages={messagesDe}><InvitationDialog space={space} /></EchoUIProvider>
 */
export interface EchoMessages {
  close: string
  cancel: string
  done: string
  copy: string
  copied: string
  copyFailed: string
  attemptsLeft: (n: number) => string
  roles: Record<Role, string>
  /** Sentences for error codes, written for the person who has to act on them. */
  errors: Record<string, string>
  genericError: string
  /** Neutral sentences for each invitation state (neither host nor guest wording). */
  status: Record<InvitationState, string>
  invite: HostMessages
  addDevice: HostMessages
  join: GuestMessages
  joinDevice: JoinDeviceMessages
  authCode: { label: string; qrLabel: (label: string) => string }
  pin: { label: string; cellLabel: (index: number, length: number) => string }
  members: {
    label: string
    you: string
    unnamed: (keyStart: string) => string
    remove: string
    removeQuestion: (name: string, spaceName: string) => string
    keep: string
    removing: (name: string) => string
    removed: (name: string, spaceName: string) => string
    removeFailed: (name: string, reason: string) => string
    stillMember: (name: string) => string
    noSpace: string
    loading: string
    count: (n: number) => string
  }
  devices: {
    label: string
    thisDevice: string
    unnamed: (keyStart: string) => string
    key: (keyStart: string) => string
    revoke: string
    revokeQuestion: (name: string) => string
    keep: string
    revoking: (name: string) => string
    revoked: (name: string) => string
    revokeFailed: (name: string, reason: string) => string
    noIdentity: string
    count: (n: number) => string
  }
  network: { offline: string; connecting: string; online: string; peers: (n: number) => string }
  presence: {
    /** Accessible name of the avatar group. */
    label: string
    /** Shown when nobody else is here. */
    empty: string
    unnamed: (keyStart: string) => string
    /** What the overflow avatar reads out (and shows on hover): how many more, and who. */
    moreLabel: (n: number, names: string) => string
  }
}
