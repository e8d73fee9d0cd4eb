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
  failedHeading: string
  again: string
  /** Scanning the QR code of the 6-digit code with the camera. */
  scan: string
  scanStop: string
  scanLabel: string
  scanning: string
  cameraDenied: string
  cameraUnavailable: string
}

/**
 * Every word the UI kit shows or announces. Give a partial object to {@link EchoUIProvider}
 * (for the whole app) or to a component's `messages` prop (for one); the rest stays English.
 * `de` (German, exported as `messagesDe`) is complete and shows the shape of a translation.
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
  joinDevice: GuestMessages
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
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`)

/**
 * The English messages (the default).
 *
 * @example
 * const words = { ...messagesEn, close: 'Dismiss' }
 */
export const messagesEn: EchoMessages = {
  close: 'Close',
  cancel: 'Cancel',
  done: 'Done',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  attemptsLeft: (n) => `${plural(n, 'attempt', 'attempts')} left.`,
  roles: { owner: 'Owner', admin: 'Admin', editor: 'Editor', reader: 'Reader' },
  errors: {
    AUTH_FAILED: 'That code is not right. Check it and try again.',
    TOO_MANY_ATTEMPTS: 'Too many wrong codes. Ask for a new invitation.',
    INVALID_INVITATION: 'This invitation code is not valid. Check that it was copied whole.',
    INVITATION_EXPIRED: 'The invitation has expired. Ask for a new one.',
    CANCELLED: 'The invitation was cancelled.',
    NETWORK_FAILED: 'Could not connect. Check your connection and try again.',
    NOT_A_MEMBER: 'You are not a member of this space.',
    FORBIDDEN: 'You are not allowed to invite people to this space.',
    NO_IDENTITY: 'Create your identity before joining a space.',
    CLOSED: 'The app was closed before the invitation finished.',
    STORAGE_FAILED: 'Could not save the space on this device.',
  },
  genericError: 'Something went wrong with the invitation.',
  status: {
    init: 'Preparing the invitation…',
    connecting: 'Connecting…',
    connected: 'Connected. Setting up a secure channel…',
    'ready-for-auth': 'Waiting for the authorization code.',
    authenticating: 'Checking the code…',
    success: 'Done: the invitation was accepted.',
    cancelled: 'The invitation was cancelled.',
    expired: 'The invitation has expired. Ask for a new one.',
    error: 'Something went wrong with the invitation.',
  },
  invite: {
    trigger: 'Invite',
    title: (name) => (name ? `Invite to ${name}` : 'Invite to this space'),
    describe: {
      creating: 'Share the link or QR code. When your guest opens it, a 6-digit code appears here for you to tell them.',
      waiting: 'Share the link or QR code. When your guest opens it, a 6-digit code appears here for you to tell them.',
      auth: 'Your guest opened the invitation. Tell them this code, by phone or in person, so they can type it in.',
    },
    status: {
      init: 'Creating the invitation…',
      connecting: 'Waiting for your guest to connect…',
      connected: 'Your guest is connected. Setting up a secure channel…',
      'ready-for-auth': 'Tell your guest this code.',
      authenticating: 'Your guest is entering the code…',
      success: 'Your guest has joined.',
      cancelled: 'The invitation was cancelled.',
      expired: 'The invitation has expired. Create a new one.',
      error: 'Something went wrong with the invitation.',
    },
    qrLinkLabel: 'QR code of the invitation link',
    qrCodeLabel: 'QR code of the invitation code',
    linkLabel: 'Invitation link',
    copyLink: 'Copy link',
    codeLabel: 'Invitation code',
    copyCode: 'Copy code',
    showCode: 'Show the invitation code',
    validUntil: (time) => `Valid until ${time}, for one person.`,
    sendHint: 'Send it to the person you want to invite.',
    wrongCodeEntered: (n) => `A wrong code was entered. ${messagesEnAttempts(n)}`,
    cancelInvitation: 'Cancel invitation',
    newInvitation: 'New invitation',
    successHeading: (guest, space) => `${guest || 'Your guest'} joined ${space || 'the space'}`,
    successMessage: (role) => `They are now ${role === 'reader' ? 'a' : 'an'} ${messagesEn.roles[role].toLowerCase()} and can open the space on their device.`,
    expiredHeading: 'Invitation expired',
    expiredMessage: 'Nobody joined in time. Create a new invitation to try again.',
    cancelledHeading: 'Invitation cancelled',
    cancelledByYou: 'Nobody can use it any more. Create a new one when you are ready.',
    cancelledByGuest: 'Your guest cancelled joining. Create a new invitation to try again.',
    tooManyHeading: 'Too many wrong codes',
    tooManyMessage: 'The invitation was closed to keep your space safe. Create a new one and check the code together.',
    failedHeading: 'Invitation failed',
    noIdentity: 'Create your identity first.',
    forbidden: 'You are not allowed to invite people to this space.',
    pendingBadge: 'open invitation',
  },
  addDevice: {
    trigger: 'Add a device',
    title: () => 'Add a device',
    describe: {
      creating: 'Open the link or scan the QR code on your new device. Then enter the 6-digit code that appears here.',
      waiting: 'Open the link or scan the QR code on your new device. Then enter the 6-digit code that appears here.',
      auth: 'Your new device opened the invitation. Type this code on it.',
    },
    status: {
      init: 'Creating the invitation…',
      connecting: 'Waiting for your new device to connect…',
      connected: 'Your new device is connected. Setting up a secure channel…',
      'ready-for-auth': 'Enter this code on your new device.',
      authenticating: 'Your new device is checking the code…',
      success: 'The new device was added.',
      cancelled: 'The invitation was cancelled.',
      expired: 'The invitation has expired. Create a new one.',
      error: 'Something went wrong with the invitation.',
    },
    qrLinkLabel: 'QR code of the invitation link',
    qrCodeLabel: 'QR code of the invitation code',
    linkLabel: 'Invitation link',
    copyLink: 'Copy link',
    codeLabel: 'Invitation code',
    copyCode: 'Copy code',
    showCode: 'Show the invitation code',
    validUntil: (time) => `Valid until ${time}, for one device.`,
    sendHint: 'Open it on the new device.',
    wrongCodeEntered: (n) => `A wrong code was entered. ${messagesEnAttempts(n)}`,
    cancelInvitation: 'Cancel invitation',
    newInvitation: 'New invitation',
    successHeading: (name) => (name ? `“${name}” was added to your devices` : 'The new device was added'),
    successMessage: () => 'It now has all your spaces and keeps them in sync.',
    expiredHeading: 'Invitation expired',
    expiredMessage: 'No device joined in time. Create a new invitation to try again.',
    cancelledHeading: 'Invitation cancelled',
    cancelledByYou: 'No device can use it any more. Create a new one when you are ready.',
    cancelledByGuest: 'The new device cancelled joining. Create a new invitation to try again.',
    tooManyHeading: 'Too many wrong codes',
    tooManyMessage: 'The invitation was closed to keep your identity safe. Create a new one and check the code carefully.',
    failedHeading: 'Invitation failed',
    noIdentity: 'Create your identity first.',
    forbidden: 'Only the device that created your identity can add devices. Add the new device from there.',
    pendingBadge: 'open invitation',
  },
  join: {
    trigger: 'Join a space',
    title: 'Join a space',
    describe: {
      form: 'Paste the invitation you were sent. Then enter the 6-digit code that the person who invited you tells you.',
      connecting: 'Looking for the person who invited you. They need to have the invitation open.',
      pin: 'The person who invited you sees a 6-digit code. Ask them for it and type it here.',
      success: 'The space is on this device now and stays in sync while you are online.',
      failed: 'Joining did not work. The reason is below.',
    },
    status: {
      init: '',
      connecting: 'Looking for the person who invited you…',
      connected: 'Found them. Setting up a secure channel…',
      'ready-for-auth': 'Enter the code that the person who invited you sees.',
      authenticating: 'Checking the code…',
      success: 'You have joined.',
      cancelled: 'The invitation was cancelled.',
      expired: 'The invitation has expired. Ask for a new one.',
      error: 'Something went wrong with the invitation.',
    },
    codeLabel: 'Invitation code or link',
    codeHint: 'Paste the code or link you were sent.',
    join: 'Join',
    emptyCode: 'Paste the invitation code or link you were sent.',
    wrongKind: 'This is a device invitation: it adds a new device to an identity. Open it on the new device instead.',
    expiredCode: 'This invitation has expired. Ask for a new one.',
    alreadyHasIdentity: () => '',
    keepOpen: 'Keep this open: the person who invited you must have the invitation open too.',
    pinLabel: 'Authorization code',
    enterAllDigits: 'Enter all 6 digits of the code.',
    wrongCode: (n) => `That code is not right. ${messagesEnAttempts(n)}`,
    checking: 'Checking the code…',
    verify: 'Verify',
    verifying: 'Checking…',
    successHeading: (space) => `You joined ${space || 'the space'}`,
    successMessage: 'The space is on this device now and stays in sync while you are online.',
    successAction: 'Open space',
    expiredHeading: 'Invitation expired',
    expiredMessage: 'Ask the person who invited you for a new invitation.',
    cancelledByHostHeading: 'Invitation cancelled',
    cancelledByHost: 'The person who invited you cancelled it. Ask them for a new one.',
    cancelledHereHeading: 'Joining cancelled',
    cancelledHere: 'Enter a code to try again.',
    tooManyHeading: 'Too many wrong codes',
    tooManyMessage: 'This invitation is closed. Ask for a new one and check the code carefully.',
    networkHeading: 'Could not connect',
    networkMessage: 'The person who invited you did not answer. The invitation may have been used already, or they closed it or went offline.',
    failedHeading: 'Could not join',
    again: 'Enter another code',
    scan: 'Scan the code',
    scanStop: 'Stop scanning',
    scanLabel: 'Camera view for scanning the QR code of the 6-digit code',
    scanning: 'Point the camera at the QR code next to the 6-digit code.',
    cameraDenied: 'The camera is blocked. Allow it in your browser settings, or type the code.',
    cameraUnavailable: 'No camera is available here. Type the code instead.',
  },
  joinDevice: {
    trigger: 'Link this device',
    title: 'Link this device',
    describe: {
      form: 'On your other device, create a device invitation and paste it here. Then enter the 6-digit code it shows.',
      connecting: 'Looking for your other device. Keep the invitation open there.',
      pin: 'Your other device shows a 6-digit code. Type it here.',
      success: 'Your spaces are coming to this device and will stay in sync.',
      failed: 'Linking did not work. The reason is below.',
    },
    status: {
      init: '',
      connecting: 'Looking for your other device…',
      connected: 'Found it. Setting up a secure channel…',
      'ready-for-auth': 'Enter the code shown on the other device.',
      authenticating: 'Checking the code…',
      success: 'This device was added.',
      cancelled: 'The invitation was cancelled.',
      expired: 'The invitation has expired. Ask for a new one.',
      error: 'Something went wrong with the invitation.',
    },
    codeLabel: 'Invitation code or link',
    codeHint: 'Create a device invitation on your other device and paste it here.',
    join: 'Join',
    emptyCode: 'Paste the device invitation code or link.',
    wrongKind: 'This is an invitation to a space, not a device invitation. Join the space instead.',
    expiredCode: 'This invitation has expired. Create a new one on your other device.',
    alreadyHasIdentity: (name) => `This device already belongs to ${name || 'an identity'}. Device invitations are for a new device.`,
    keepOpen: 'Keep the invitation open on your other device.',
    pinLabel: 'Authorization code',
    enterAllDigits: 'Enter all 6 digits of the code.',
    wrongCode: (n) => `That code is not right. ${messagesEnAttempts(n)}`,
    checking: 'Checking the code…',
    verify: 'Verify',
    verifying: 'Checking…',
    successHeading: (name) => `This device now belongs to ${name || 'your identity'}`,
    successMessage: 'Your spaces are coming to this device and will stay in sync.',
    successAction: 'Done',
    expiredHeading: 'Invitation expired',
    expiredMessage: 'Create a new device invitation on your other device.',
    cancelledByHostHeading: 'Invitation cancelled',
    cancelledByHost: 'It was cancelled on your other device. Create a new one there.',
    cancelledHereHeading: 'Linking cancelled',
    cancelledHere: 'Enter a code to try again.',
    tooManyHeading: 'Too many wrong codes',
    tooManyMessage: 'This invitation is closed. Create a new one on your other device and check the code carefully.',
    networkHeading: 'Could not connect',
    networkMessage: 'Your other device did not answer. The invitation may have been used already, or the device is offline or closed the invitation.',
    failedHeading: 'Could not link this device',
    again: 'Enter another code',
    scan: 'Scan the code',
    scanStop: 'Stop scanning',
    scanLabel: 'Camera view for scanning the QR code of the 6-digit code',
    scanning: 'Point the camera at the QR code next to the 6-digit code.',
    cameraDenied: 'The camera is blocked. Allow it in your browser settings, or type the code.',
    cameraUnavailable: 'No camera is available here. Type the code instead.',
  },
  authCode: { label: 'Authorization code', qrLabel: (label) => `QR code of the ${label.toLowerCase()}` },
  pin: { label: 'Code', cellLabel: (i, n) => `Digit ${i + 1} of ${n}` },
  members: {
    label: 'Members',
    you: 'you',
    unnamed: (key) => `Member ${key}`,
    remove: 'Remove',
    removeQuestion: (name, space) => `Remove ${name}${space ? ` from ${space}` : ''}?`,
    keep: 'Keep',
    removing: (name) => `Removing ${name}…`,
    removed: (name, space) => `${name} was removed from ${space || 'the space'}.`,
    removeFailed: (name, reason) => `Could not remove ${name}: ${reason}`,
    stillMember: (name) => `${name} is still a member: this space does not let you remove them.`,
    noSpace: 'No space selected.',
    loading: 'Loading members…',
    count: (n) => plural(n, 'member', 'members'),
  },
  devices: {
    label: 'Devices',
    thisDevice: 'this device',
    unnamed: (key) => `Device ${key}`,
    key: (key) => `Key ${key}…`,
    revoke: 'Revoke',
    revokeQuestion: (name) => `Revoke ${name}? It will stop syncing your data.`,
    keep: 'Keep',
    revoking: (name) => `Revoking ${name}…`,
    revoked: (name) => `${name} was revoked. It can no longer sync your data.`,
    revokeFailed: (name, reason) => `Could not revoke ${name}: ${reason}`,
    noIdentity: 'No identity on this device yet.',
    count: (n) => plural(n, 'device', 'devices'),
  },
  network: { offline: 'Offline', connecting: 'Connecting…', online: 'Online', peers: (n) => plural(n, 'peer', 'peers') },
}

function messagesEnAttempts(n: number): string {
  return messagesEn.attemptsLeft(n)
}
