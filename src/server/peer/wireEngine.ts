import { provideWiring } from '../../core/index.ts'
import { webrtcNetwork } from '../../p2p/index.ts'
import { openStorage } from '../../storage/index.ts'

// The always-on peer is the same engine as the browser's, wired to file storage and the
// peer-to-peer network (what the `echo-kit/core` entry does; server code may not import entries).
provideWiring({ openStorage, network: webrtcNetwork })
