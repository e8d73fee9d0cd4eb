// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { EchoProvider, text } from '../../src/index.ts'
import { TextField } from '../../src/ui/TextField.tsx'
import { link, memoryClient } from './helpers.tsx'

afterEach(cleanup)

it('TextField edits collaborative text and keeps the caret in place under remote edits', async () => {
  const ada = await memoryClient('Ada')
  const bob = await memoryClient('Bob')
  link(ada, bob)
  const space = await ada.createSpace({ name: 'notes' })
  const remote = await bob.openSpace(space.address)
  const note = space.db.add({ body: text('world') })
  render(
    <EchoProvider client={ada}>
      <TextField object={note} field="body" multiline aria-label="Body" />
    </EchoProvider>,
  )
  const box = screen.getByLabelText('Body') as HTMLTextAreaElement
  expect(box.value).toBe('world')
  box.focus()
  fireEvent.change(box, { target: { value: 'world!' } })
  // Caret after "wor" (before "ld!").
  box.setSelectionRange(3, 3)
  fireEvent.select(box)
  await waitFor(() => expect(remote.db.get(note['@id'])?.body).toBe('world!'))
  act(() => remote.db.text(note['@id'], 'body').splice(0, 0, 'Hello '))
  await waitFor(() => expect(box.value).toBe('Hello world!'))
  // The caret moved with its characters: still between "wor" and "ld".
  expect(box.selectionStart).toBe(9)
  expect(box.selectionEnd).toBe(9)
  await bob.close()
  await ada.close()
})
