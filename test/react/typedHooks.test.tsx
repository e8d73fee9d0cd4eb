// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineType, EchoProvider, useObject, useQuery, type Client, type Space } from '../../src/index.ts'
import { injectObject, objectId, rawDocs } from '../security/attackers.ts'
import { memoryClient } from './helpers.tsx'

// Typed hooks (issue 13): useQuery(space, Task, filter, options) and useObject(space, id, Task)
// hand typed code only objects that pass the schema; an invalid one never throws in render.
const Task = defineType('task', z.object({ title: z.string(), done: z.boolean() }))

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient()
  space = await client.createSpace({ name: 'typed hooks' })
})
afterEach(async () => {
  cleanup()
  await client.close()
})
const wrap = ({ children }: { children: ReactNode }) => <EchoProvider client={client}>{children}</EchoProvider>

function List({ includeInvalid = false }: { includeInvalid?: boolean }) {
  const tasks = useQuery(space, Task, { done: false }, { sort: 'title', includeInvalid })
  return <p data-testid="list">{tasks.map((t) => `${t.title.toUpperCase?.() ?? String(t.title)}`).join(',')}</p>
}
function One({ id }: { id: string }) {
  const task = useObject(space, id, Task)
  return <p data-testid="one">{task ? task.title.toUpperCase() : 'none'}</p>
}

describe('typed hooks', () => {
  it('render valid objects only, follow changes, and never throw on an invalid one', async () => {
    space.db.add(Task, { title: 'b', done: false })
    const a = space.db.add(Task, { title: 'a', done: false })
    render(<List />, { wrapper: wrap })
    render(<One id={a['@id']} />, { wrapper: wrap })
    expect(screen.getByTestId('list').textContent).toBe('A,B')
    expect(screen.getByTestId('one').textContent).toBe('A')

    // Written straight into the document, as a peer that skips validation would.
    const bad = objectId('bad2')
    await act(async () => {
      injectObject(rawDocs(client, space).data, bad, { '@type': 'task', title: 7, done: false })
      await new Promise((r) => setTimeout(r, 50))
    })
    expect(space.db.get(bad)).toBeDefined()
    expect(screen.getByTestId('list').textContent).toBe('A,B')
    render(<One id={bad} />, { wrapper: wrap })
    expect(screen.getAllByTestId('one')[1]!.textContent).toBe('none')
    expect(space.db.stats().invalidObjects).toBe(1)

    await act(async () => {
      a.done = true
    })
    expect(screen.getByTestId('list').textContent).toBe('B')
  })

  it('includeInvalid renders the invalid object too', async () => {
    space.db.add(Task, { title: 'a', done: false })
    injectObject(rawDocs(client, space).data, objectId('bad3'), { '@type': 'task', title: 7, done: false })
    render(<List includeInvalid />, { wrapper: wrap })
    expect(screen.getByTestId('list').textContent?.split(',').sort()).toEqual(['7', 'A'])
  })
})
