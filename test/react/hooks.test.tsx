// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import { memo, StrictMode, useState, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  EchoProvider,
  text,
  useDevices,
  useMembers,
  useNetworkStatus,
  useObject,
  useQuery,
  useSpace,
  useSyncStatus,
  useText,
  type Client,
  type EchoObject,
  type Space,
} from '../../src/index.ts'
import { link, memoryClient } from './helpers.tsx'

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient()
  space = await client.createSpace({ name: 'hooks' })
})
afterEach(async () => {
  cleanup()
  await client.close()
})

const wrap = (c: Client) => ({ children }: { children: ReactNode }) => <EchoProvider client={c}>{children}</EchoProvider>
const tick = () => act(async () => {})

describe('useQuery', () => {
  it('follows local adds, edits and removes', async () => {
    const { result } = renderHook(() => useQuery(space, { '@type': 'task', done: false }, { sort: 'title' }).map((t) => t.title), { wrapper: wrap(client) })
    expect(result.current).toEqual([])
    let b!: EchoObject
    await act(async () => {
      b = space.db.add({ '@type': 'task', title: 'b', done: false })
      space.db.add({ '@type': 'task', title: 'a', done: false })
    })
    expect(result.current).toEqual(['a', 'b'])
    await act(async () => {
      b.title = 'c'
    })
    expect(result.current).toEqual(['a', 'c'])
    await act(async () => {
      b.done = true
    })
    expect(result.current).toEqual(['a'])
  })

  it('follows remote changes from a linked client', async () => {
    const other = await memoryClient('Bob')
    link(client, other)
    const remote = await other.openSpace(space.address)
    const { result } = renderHook(() => useQuery(space, { '@type': 'task' }).map((t) => `${t.title}:${t.done}`), { wrapper: wrap(client) })
    let task!: EchoObject
    act(() => {
      task = remote.db.add({ '@type': 'task', title: 'from bob', done: false })
    })
    await waitFor(() => expect(result.current).toEqual(['from bob:false']))
    act(() => {
      task.done = true
    })
    await waitFor(() => expect(result.current).toEqual(['from bob:true']))
    await other.close()
  })

  it('an inline filter each render does not re-subscribe or loop', async () => {
    let renders = 0
    function List() {
      renders++
      const tasks = useQuery(space, { '@type': 'task', done: false })
      return <p>{tasks.length} open</p>
    }
    render(<List />, { wrapper: wrap(client) })
    await tick()
    const settled = renders
    const before = space.db.listenerCount
    await act(async () => {
      space.db.add({ '@type': 'task', done: false })
    })
    expect(screen.getByText('1 open')).toBeTruthy()
    expect(renders - settled).toBe(1)
    expect(space.db.listenerCount).toBe(before + 1) // + the tracker's listener for the new row
  })

  it('a 1,000-row list re-renders only the row that changed', async () => {
    const rowRenders = new Map<string, number>()
    let listRenders = 0
    const Row = memo(function Row({ task }: { task: EchoObject }) {
      rowRenders.set(task['@id'], (rowRenders.get(task['@id']) ?? 0) + 1)
      return (
        <li>
          {String(task.title)} {task.done ? '✓' : '·'}
        </li>
      )
    })
    function List() {
      listRenders++
      const tasks = useQuery(space, { '@type': 'task' })
      return (
        <ul>
          {tasks.map((t) => (
            <Row key={t['@id']} task={t} />
          ))}
        </ul>
      )
    }
    const tasks: EchoObject[] = []
    for (let i = 0; i < 1000; i++) tasks.push(space.db.add({ '@type': 'task', title: `t${i}`, done: false, hidden: 0 }))
    render(<List />, { wrapper: wrap(client) })
    await tick()
    expect(rowRenders.size).toBe(1000)
    rowRenders.clear()
    listRenders = 0
    await act(async () => {
      tasks[500]!.done = true
    })
    expect(screen.getByText('t500 ✓')).toBeTruthy()
    expect([...rowRenders.keys()]).toEqual([tasks[500]!['@id']])
    expect(listRenders).toBe(1)
    // A field nobody read changes: nothing re-renders.
    rowRenders.clear()
    listRenders = 0
    await act(async () => {
      tasks[10]!.hidden = 1
    })
    expect(rowRenders.size).toBe(0)
    expect(listRenders).toBe(0)
  })

  it('never shows a stale value, also through references', async () => {
    const ada = space.db.add({ '@type': 'person', name: 'Ada' })
    space.db.add({ '@type': 'task', title: 'think', owner: ada })
    function List() {
      const tasks = useQuery(space, { '@type': 'task' })
      return <p>{tasks.map((t) => `${t.title} by ${(t.owner as EchoObject | undefined)?.name ?? 'nobody'}`).join()}</p>
    }
    render(<List />, { wrapper: wrap(client) })
    expect(screen.getByText('think by Ada')).toBeTruthy()
    await act(async () => {
      ada.name = 'Ada L.'
    })
    expect(screen.getByText('think by Ada L.')).toBeTruthy()
    await act(async () => {
      space.db.remove(ada)
    })
    expect(screen.getByText('think by nobody')).toBeTruthy()
  })

  it('works under StrictMode and leaves no listener after unmount', async () => {
    const base = space.db.listenerCount
    space.db.add({ '@type': 'task', title: 'x' })
    function List() {
      const tasks = useQuery(space, { '@type': 'task' })
      const one = useObject(space, tasks[0])
      const { value } = useText(one, 'title')
      return <p>{tasks.length}:{String(one?.title)}:{value}</p>
    }
    const { unmount } = render(
      <StrictMode>
        <List />
      </StrictMode>,
      { wrapper: wrap(client) },
    )
    await tick()
    expect(screen.getByText('1:x:x')).toBeTruthy()
    expect(space.db.listenerCount).toBeGreaterThan(base)
    unmount()
    expect(space.db.listenerCount).toBe(base)
  })
})

describe('useObject and useText', () => {
  it('useObject re-renders on read fields and on removal', async () => {
    const task = space.db.add({ title: 'a', other: 0 })
    let renders = 0
    function View() {
      renders++
      const t = useObject(space, task['@id'])
      return <p>{t ? String(t.title) : 'gone'}</p>
    }
    render(<View />, { wrapper: wrap(client) })
    await tick()
    const base = renders
    await act(async () => {
      task.other = 1
    })
    expect(renders).toBe(base)
    await act(async () => {
      task.title = 'b'
    })
    expect(screen.getByText('b')).toBeTruthy()
    await act(async () => {
      space.db.remove(task)
    })
    expect(screen.getByText('gone')).toBeTruthy()
  })

  it('useText edits collaborative text and follows remote edits', async () => {
    const other = await memoryClient('Bob')
    link(client, other)
    const remote = await other.openSpace(space.address)
    const note = space.db.add({ body: text('hello') })
    function Editor() {
      const { value, update } = useText(note, 'body')
      return <textarea aria-label="body" value={value} onChange={(e) => update(e.target.value)} />
    }
    render(<Editor />, { wrapper: wrap(client) })
    const box = screen.getByLabelText('body') as HTMLTextAreaElement
    expect(box.value).toBe('hello')
    fireEvent.change(box, { target: { value: 'hello world' } })
    expect(box.value).toBe('hello world')
    await waitFor(() => expect(remote.db.get(note['@id'])?.body).toBe('hello world'))
    act(() => remote.db.text(note['@id'], 'body').splice(0, 0, '> '))
    await waitFor(() => expect(box.value).toBe('> hello world'))
    await other.close()
  })
})

describe('members, devices, network and sync status', () => {
  it('useMembers follows admissions; useDevices lists this device', async () => {
    const bob = await memoryClient('Bob')
    const { result } = renderHook(() => ({ members: useMembers(space), devices: useDevices() }), { wrapper: wrap(client) })
    expect(result.current.members.map((m) => m.role)).toEqual(['owner'])
    expect(result.current.devices).toEqual([{ deviceKey: client.identity!.deviceKey, current: true }])
    await act(async () => {
      await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor', displayName: 'Bob' })
    })
    expect(result.current.members.map((m) => [m.displayName, m.role])).toEqual([
      ['Ada', 'owner'],
      ['Bob', 'editor'],
    ])
    await bob.close()
  })

  it('network and sync status are honest: offline alone, online and synced with a peer', async () => {
    const { result } = renderHook(() => ({ net: useNetworkStatus(), sync: useSyncStatus(space) }), { wrapper: wrap(client) })
    expect(result.current.net.status).toBe('offline')
    expect(result.current.sync.status).toBe('offline')
    const other = await memoryClient('Bob')
    await act(async () => {
      link(client, other)
      await other.openSpace(space.address)
    })
    await waitFor(() => expect(result.current.net).toMatchObject({ status: 'online', peers: 1 }))
    await waitFor(() => expect(result.current.sync.peers).toBe(1))
    await other.close()
    await waitFor(() => expect(result.current.net.peers).toBe(0))
  })
})

describe('components using hooks', () => {
  it('toggling through a live object updates the view', async () => {
    const task = space.db.add({ '@type': 'task', title: 'Milk', done: false })
    function Toggle() {
      const [, setN] = useState(0)
      const [t] = useQuery(space, { '@type': 'task' })
      if (!t) return null
      return (
        <button onClick={() => ((t.done = !t.done), setN((n) => n + 1))}>
          {String(t.title)} {t.done ? 'done' : 'open'}
        </button>
      )
    }
    render(<Toggle />, { wrapper: wrap(client) })
    fireEvent.click(screen.getByRole('button'))
    await tick()
    expect(screen.getByRole('button').textContent).toBe('Milk done')
    expect(task.done).toBe(true)
  })
})

describe('memoised rows and references', () => {
  it('a memo row re-renders when the object it references changes or is removed', async () => {
    const Row = memo(function Row({ task }: { task: EchoObject }) {
      return <li>{`${String(task.title)}: ${task.assignee ? String((task.assignee as EchoObject).name) : 'nobody'}`}</li>
    })
    function List() {
      const tasks = useQuery(space, { '@type': 'task' })
      return <ul>{tasks.map((t) => <Row key={t['@id']} task={t} />)}</ul>
    }
    const grace = space.db.add({ '@type': 'person', name: 'Grace' })
    space.db.add({ '@type': 'task', title: 'Milk', assignee: grace })
    space.db.add({ '@type': 'task', title: 'Eggs' })
    render(<List />, { wrapper: wrap(client) })
    expect(screen.getByText('Milk: Grace')).toBeTruthy()
    await act(async () => {
      grace.name = 'Grace H'
    })
    expect(screen.getByText('Milk: Grace H')).toBeTruthy()
    await act(async () => {
      space.db.remove(grace)
    })
    expect(screen.getByText('Milk: nobody')).toBeTruthy()
    expect(screen.getByText('Eggs: nobody')).toBeTruthy()
  })
})

describe('loading states', () => {
  it('a space still syncing shows loading, then ready with its objects', async () => {
    space.db.add({ '@type': 'task', title: 'synced later' })
    await space.flush()
    const bob = await memoryClient('Bob')
    const remote = await bob.openSpace(space.address, { timeout: 0 })
    expect(remote.status).toBe('loading')
    const { result } = renderHook(
      () => {
        const s = useSpace(remote.id)
        return { status: s?.status, titles: useQuery(s, { '@type': 'task' }).map((t) => t.title) }
      },
      { wrapper: wrap(bob) },
    )
    expect(result.current).toEqual({ status: 'loading', titles: [] })
    act(() => link(client, bob))
    await waitFor(() => expect(result.current).toEqual({ status: 'ready', titles: ['synced later'] }), { timeout: 10_000 })
    await bob.close()
  })
})
