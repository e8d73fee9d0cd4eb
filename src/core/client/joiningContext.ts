import type { JoiningContext } from '../invitations/index.ts'
import type { ClientNetwork } from '../network/index.ts'
import nacl from 'tweetnacl'
import { EchoError, fromHex } from '../shared/index.ts'
import type { Devices } from './Devices.ts'
import type { LocalRecordStore } from './LocalRecord.ts'
import type { SpaceRegistry } from './SpaceRegistry.ts'

/**
 * What a guest-side `Joining` is given by its client: the signaling channel, what to prove
 * (this identity and device for a space, a fresh device key and the name the user gave it for a
 * device invitation), and how
 * to apply the host's answer (open the space, or become a device of the identity).
 *
 * @example new Joining(code, joiningContext({ name, network, devices, spaces, record }))
 */
export function joiningContext(parts: { name: string; network: ClientNetwork; devices: Devices; spaces: SpaceRegistry; record: LocalRecordStore }): JoiningContext {
  const { name, network, devices, spaces, record } = parts
  return {
    signaling: () => network.signaling(),
    guestInfo(kind, options) {
      // Without a name from the user, the client's name stays the label (as before names were asked for).
      if (kind === 'device') return devices.prepareGuest(options?.deviceName ?? name)
      const identity = record.value.identity
      if (!identity) throw new EchoError('NO_IDENTITY', 'create an identity before joining a space')
      const secretKey = fromHex(identity.deviceSecretKey)
      if (!secretKey) throw new EchoError('STORAGE_FAILED', 'this device has no usable secret key')
      return {
        info: { identityKey: identity.identityKey, deviceKey: identity.deviceKey, displayName: identity.displayName, deviceCredential: identity.deviceCredential },
        sign: (message) => nacl.sign.detached(message, secretKey),
      }
    },
    async complete(kind, result) {
      if (kind === 'device') return void (await devices.completeJoin(result))
      if (typeof result.address !== 'string') throw new EchoError('INVALID_INVITATION', 'the host sent no space address')
      // Success does not wait for the whole space: it keeps syncing (space.status tells).
      return spaces.open(result.address, { timeout: 3_000 })
    },
  }
}
