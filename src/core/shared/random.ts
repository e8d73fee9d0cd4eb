import nacl from 'tweetnacl'
import { toHex } from './encoding.ts'

// Every secret and id comes from nacl.randomBytes (a CSPRNG), never Math.random.
// Object ids are minted in hot loops, so bytes are drawn in blocks and sliced.
let pool: Uint8Array = new Uint8Array(0)
let offset = 0

/** `n` cryptographically random bytes. @example randomBytes(32) */
export function randomBytes(n: number): Uint8Array {
  return nacl.randomBytes(n)
}

/**
 * A random 128-bit id as 32 hex chars. Its first two chars pick the object's bucket.
 *
 * @example const id = randomId() // '3f9a…'
 */
export function randomId(): string {
  if (offset + 16 > pool.length) {
    pool = nacl.randomBytes(4096)
    offset = 0
  }
  const id = toHex(pool.subarray(offset, offset + 16))
  // Zero what was handed out so the pool never holds a used id in memory.
  pool.fill(0, offset, offset + 16)
  offset += 16
  return id
}
