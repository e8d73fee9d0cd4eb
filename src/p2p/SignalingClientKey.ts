// The key a SignalingClient proves to the server. Given a tweetnacl key pair it signs with
// tweetnacl; otherwise it makes a fresh key, with Node's native Ed25519 where there is one
// (about 0.2 ms against tweetnacl's 10-40 ms for key and signature; it counts when a process runs
// many clients) and tweetnacl in browsers. Node's module is reached through
// `process.getBuiltinModule`, so browser bundles never see an import of it.
import nacl from 'tweetnacl'
import { fromBase64Url } from '../core/shared/index.ts'
import type { SignalingKey } from './SignalingClientOptions.ts'

/**
 * What a client signs its hello with: the public key (its peer id) and a signing function.
 *
 * @example const signer = signingKeyFor(undefined); signer.sign(helloBytes(nonce))
 */
export interface SignalingSigner {
  readonly publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

// The few parts of node:crypto used here (typed structurally: this file also runs in browsers).
interface NodeCrypto {
  generateKeyPairSync(type: 'ed25519'): { publicKey: { export(o: { format: 'jwk' }): { x?: string } }; privateKey: unknown }
  sign(algorithm: null, data: Uint8Array, key: unknown): Uint8Array
}

/**
 * A signer for `key`, or for a fresh key when none is given.
 *
 * @example const signer = signingKeyFor(options.key)
 */
export function signingKeyFor(key: SignalingKey | undefined): SignalingSigner {
  if (key) return { publicKey: key.publicKey, sign: (m) => nacl.sign.detached(m, key.secretKey) }
  const native = nodeCrypto()
  if (native) {
    const pair = native.generateKeyPairSync('ed25519')
    const publicKey = fromBase64Url(pair.publicKey.export({ format: 'jwk' }).x ?? '')
    if (publicKey?.length === 32) return { publicKey, sign: (m) => new Uint8Array(native.sign(null, m, pair.privateKey)) }
  }
  const pair = nacl.sign.keyPair()
  return { publicKey: pair.publicKey, sign: (m) => nacl.sign.detached(m, pair.secretKey) }
}

function nodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  try {
    return typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule('node:crypto') as NodeCrypto) : undefined
  } catch {
    return undefined // a runtime without it (or a sandbox refusing it): tweetnacl below does the same job
  }
}
