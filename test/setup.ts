// IndexedDB for jsdom and Node tests: the real adapter code runs against fake-indexeddb.
import 'fake-indexeddb/auto'
