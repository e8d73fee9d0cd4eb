// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EchoProvider, TextField, text, useUndo, type Client, type EchoObject, type Space } from '../../src/index.ts'
import { memoryClient } from './helpers.tsx'

let client: Client
let space: Space
beforeEach(async () => {
  client = await memoryClient()
  space = await client.createSpace({ name: 'undo' })
})
afterEach(async () => {
  cleanup()
  await client.close()
})

const wrap = ({ children }: { children: ReactNode }) => <EchoProvider client={client}>{children}</EchoProvider>
/** Ends the current task, so the writes before it are one undo step. */
const endTask = () => act(() => new Promise((r) => setTimeout(r, 0)))

describe('useUndo', () => {
  it('follows canUndo / canRedo and undoes, redoes through the space', async () => {
    let renders = 0
    const { result } = renderHook(
      () => {
        renders++
        return useUndo(space)
      },
      { wrapper: wrap },
    )
    expect(result.current).toMatchObject({ canUndo: false, canRedo: false })
    let task!: EchoObject
    await act(async () => {
      task = space.db.add({ title: 'one' })
    })
    await endTask()
    expect(result.current).toMatchObject({ canUndo: true, canRedo: false })
    const afterFirst = renders
    await act(async () => {
      task.title = 'two'
    })
    await endTask()
    // A second step changes neither flag: no render.
    expect(renders).toBe(afterFirst)
    const before = renders
    let outcome: unknown
    act(() => {
      outcome = result.current.undo()
    })
    expect(outcome).toEqual({ done: true, applied: 1, skipped: 0 })
    expect(task.title).toBe('one')
    expect(result.current).toMatchObject({ canUndo: true, canRedo: true })
    expect(renders).toBe(before + 1)
    act(() => {
      result.current.undo()
    })
    expect(space.db.get(task['@id'])).toBeUndefined()
    expect(result.current).toMatchObject({ canUndo: false, canRedo: true })
    act(() => {
      result.current.redo()
    })
    expect(space.db.get(task['@id'])?.title).toBe('one')
    // A new write clears the redo stack, and the hook hears it.
    await act(async () => {
      task.title = 'three'
    })
    await endTask()
    expect(result.current).toMatchObject({ canUndo: true, canRedo: false })
  })

  it('without a space: nothing to undo, and the actions do nothing', () => {
    const { result } = renderHook(() => useUndo(undefined), { wrapper: wrap })
    expect(result.current).toMatchObject({ canUndo: false, canRedo: false })
    expect(result.current.undo()).toBeUndefined()
  })

  it('drives undo / redo buttons', async () => {
    function Buttons() {
      const { undo, redo, canUndo, canRedo } = useUndo(space)
      return (
        <>
          <button onClick={() => undo()} disabled={!canUndo}>Undo</button>
          <button onClick={() => redo()} disabled={!canRedo}>Redo</button>
        </>
      )
    }
    render(<Buttons />, { wrapper: wrap })
    const undoButton = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement
    const redoButton = screen.getByRole('button', { name: 'Redo' }) as HTMLButtonElement
    expect(undoButton.disabled).toBe(true)
    await act(async () => {
      space.db.add({ '@type': 'task' })
    })
    await endTask()
    expect(undoButton.disabled).toBe(false)
    fireEvent.click(undoButton)
    expect(space.db.size).toBe(0)
    expect(undoButton.disabled).toBe(true)
    expect(redoButton.disabled).toBe(false)
    fireEvent.click(redoButton)
    expect(space.db.size).toBe(1)
  })
})

describe('TextField keyboard undo', () => {
  it("Ctrl/Cmd+Z undoes this field's edits, Shift+Ctrl+Z and Ctrl+Y redo", async () => {
    const note = space.db.add({ title: 'Title', body: text('Hello') })
    await endTask()
    render(<TextField object={note} field="body" multiline aria-label="Body" />, { wrapper: wrap })
    const box = screen.getByLabelText('Body') as HTMLTextAreaElement
    box.focus()
    fireEvent.change(box, { target: { value: 'Hello!' } })
    await endTask()
    fireEvent.change(box, { target: { value: 'Hello!!' } })
    await endTask()
    // A later step on another field: the field's keys skip over it.
    await act(async () => {
      note.title = 'Other'
    })
    await endTask()

    // Default prevented: the browser's own undo never runs on collaborative text.
    expect(fireEvent.keyDown(box, { key: 'z', ctrlKey: true })).toBe(false)
    expect(box.value).toBe('Hello!')
    fireEvent.keyDown(box, { key: 'Z', metaKey: true })
    expect(box.value).toBe('Hello')
    expect(note.title).toBe('Other')
    fireEvent.keyDown(box, { key: 'Z', ctrlKey: true, shiftKey: true })
    expect(box.value).toBe('Hello!')
    fireEvent.keyDown(box, { key: 'y', ctrlKey: true })
    expect(box.value).toBe('Hello!!')
    // Plain keys and other shortcuts pass through.
    expect(fireEvent.keyDown(box, { key: 'z' })).toBe(true)
    expect(fireEvent.keyDown(box, { key: 'a', ctrlKey: true })).toBe(true)
    expect(box.value).toBe('Hello!!')
    // One stack: the redone edit is the latest step for the db-wide undo too; the title is left.
    act(() => {
      space.db.undo()
    })
    expect(box.value).toBe('Hello!')
    expect(space.db.undo({ object: note, field: 'title' }).applied).toBe(1)
    expect(note.title).toBe('Title')
  })

  it("an app's onKeyDown that prevents default keeps the keys", async () => {
    const note = space.db.add({ body: text('a') })
    await endTask()
    render(<TextField object={note} field="body" aria-label="Body" onKeyDown={(e) => e.preventDefault()} />, { wrapper: wrap })
    const box = screen.getByLabelText('Body') as HTMLInputElement
    fireEvent.change(box, { target: { value: 'ab' } })
    await endTask()
    fireEvent.keyDown(box, { key: 'z', ctrlKey: true })
    expect(box.value).toBe('ab')
    expect(space.db.history.getSnapshot().undoSteps).toBe(2)
  })
})
