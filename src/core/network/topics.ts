import nacl from 'tweetnacl'
import { toHex, utf8 } from '../shared/index.ts'

/**
 * Topic of a space on the signaling server: a hash of the space's swarm secret, so the server
 * never learns space ids and cannot guess topics.
 *
 * @example spaceTopic(secret)
 */
export function spaceTopic(secret: string): string {
  return toHex(nacl.hash(utf8(`echo-kit/topic/space/v1\n${secret}`)).subarray(0, 32))
}

/**
 * Topic where the devices of one identity meet (derived from the HALO document id).
 *
 * @example haloTopic(identity.haloDocId)
 */
export function haloTopic(haloDocId: string): string {
  return toHex(nacl.hash(utf8(`echo-kit/topic/halo/v1\n${haloDocId}`)).subarray(0, 32))
}
