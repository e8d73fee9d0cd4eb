// src/core/shared: the folder's door; other folders import only from here.
export { EchoError, isEchoError, toEchoError } from './EchoError.ts'
export type { EchoErrorCode } from './EchoError.ts'
export { Store } from './Store.ts'
export { fromBase64Url, fromHex, fromUtf8, toBase64Url, toHex, utf8 } from './encoding.ts'
export { randomBytes, randomId } from './random.ts'
