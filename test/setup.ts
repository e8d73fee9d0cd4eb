// IndexedDB for jsdom and Node tests: the real adapter code runs against fake-indexeddb.
import 'fake-indexeddb/auto'
import { configure } from '@testing-library/dom'

// findBy* / waitFor wait for real engine work (key exchange, sync through the in-memory hub),
// which takes more than the library's 1 s default on a busy machine.
configure({ asyncUtilTimeout: 5_000 })
