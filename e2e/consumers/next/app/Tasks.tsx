'use client'
// echo-kit in a Next.js client component: no next.config entry for it or for Automerge's wasm.
import { EchoProvider, InvitationDialog, useQuery, useSpace, useSpaces, type Client } from 'echo-kit'

type Task = { '@type': 'task'; title: string; done: boolean }

async function setUp(client: Client) {
  if (!client.identity) await client.createIdentity({ displayName: 'Ada' })
  if (!client.spaces.some((s) => !s.personal)) await client.createSpace({ name: 'Groceries' })
}

// Optional settings straight from the environment (undefined when unset).
const openInvite: boolean | undefined = process.env['NEXT_PUBLIC_OPEN_INVITE'] ? true : undefined

function List() {
  const spaces = useSpaces()
  const space = useSpace(spaces.find((s) => !s.personal)?.id ?? '')
  const tasks = useQuery<Task>(space, { '@type': 'task' }, { sort: 'title' })
  if (!space) return null
  return (
    <main>
      <h1>{space.name}</h1>
      <button onClick={() => space.db.add({ '@type': 'task', title: `Task ${tasks.length + 1}`, done: false })}>Add</button>
      <ul>
        {tasks.map((task) => (
          <li key={task['@id']}>
            <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} />
            <input value={task.title} onChange={(e) => (task.title = e.target.value)} />
            <button onClick={() => space.db.remove(task)}>Remove</button>
          </li>
        ))}
      </ul>
      {/* A prop from a value that may be undefined: fine under exactOptionalPropertyTypes. */}
      <InvitationDialog space={space} trigger="Invite" defaultOpen={openInvite} />
    </main>
  )
}

export function Tasks() {
  // The test passes its signaling server as ?signal=; on the server render there is no location.
  const signaling = typeof location === 'undefined' ? false : (new URLSearchParams(location.search).get('signal') ?? 'ws://127.0.0.1:4100')
  return (
    <EchoProvider config={{ storage: 'indexeddb', signaling, name: process.env['NEXT_PUBLIC_ECHO_NAME'] }} onReady={setUp} fallback={<p>Loading…</p>}>
      <List />
    </EchoProvider>
  )
}
