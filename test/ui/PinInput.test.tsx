// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PinInput } from '../../src/ui/index.ts'
import { expectNoAxeViolations } from './axe.ts'

afterEach(cleanup)

const cells = () => screen.getAllByRole('textbox') as HTMLInputElement[]
const shown = () => cells().map((c) => c.value || '_').join('')
const cell = (n: number) => screen.getByLabelText(`Digit ${n} of 6`) as HTMLInputElement
const type = (digits: string) => {
  for (const key of digits) fireEvent.keyDown(document.activeElement!, { key })
}

describe('PinInput states are accessible', () => {
  it.each([
    ['Empty', {}],
    ['Partial', { defaultValue: '123' }],
    ['Complete', { defaultValue: '123456' }],
    ['Invalid', { defaultValue: '123456', invalid: true }],
    ['Disabled', { defaultValue: '12', disabled: true }],
  ])('%s has no axe violations', async (_name, props) => {
    const { container } = render(<PinInput label="Authorization code" {...props} />)
    expect(screen.getByRole('group', { name: 'Authorization code' })).toBeTruthy()
    await expectNoAxeViolations(container)
  })
})

describe('PinInput', () => {
  it('labels every cell, asks for numeric one-time codes and is a single tab stop', () => {
    render(<PinInput defaultValue="12" />)
    expect(cells()).toHaveLength(6)
    expect(cells().map((c) => c.getAttribute('aria-label'))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Digit ${n} of 6`))
    for (const c of cells()) {
      expect(c.getAttribute('inputmode')).toBe('numeric')
      expect(c.getAttribute('autocomplete')).toBe('one-time-code')
    }
    // The first empty cell is the one Tab reaches.
    expect(cells().map((c) => c.tabIndex)).toEqual([-1, -1, 0, -1, -1, -1])
  })

  it('honours length and getCellLabel', () => {
    render(<PinInput length={4} getCellLabel={(i, n) => `Ziffer ${i + 1} von ${n}`} />)
    expect(cells()).toHaveLength(4)
    expect(screen.getByLabelText('Ziffer 4 von 4')).toBeTruthy()
  })

  it('typing fills a cell and advances; onChange sees each step; onComplete fires once', () => {
    const onChange = vi.fn()
    const onComplete = vi.fn()
    render(<PinInput onChange={onChange} onComplete={onComplete} />)
    cell(1).focus()
    type('1')
    expect(shown()).toBe('1_____')
    expect(document.activeElement).toBe(cell(2))
    type('23456')
    expect(shown()).toBe('123456')
    expect(onChange.mock.calls.map((c) => c[0])).toEqual(['1', '12', '123', '1234', '12345', '123456'])
    expect(onComplete).toHaveBeenCalledTimes(1)
    expect(onComplete).toHaveBeenCalledWith('123456')
    expect(document.activeElement).toBe(cell(6))
  })

  it('ignores letters and symbols', () => {
    const onChange = vi.fn()
    render(<PinInput onChange={onChange} />)
    cell(1).focus()
    const notCancelled = fireEvent.keyDown(cell(1), { key: 'a' })
    expect(notCancelled).toBe(false)
    fireEvent.change(cell(1), { target: { value: 'x' } })
    expect(shown()).toBe('______')
    expect(onChange).not.toHaveBeenCalled()
  })

  it('typing the digit a cell already holds still advances', () => {
    render(<PinInput defaultValue="111" />)
    cell(1).focus()
    type('1')
    expect(document.activeElement).toBe(cell(2))
    expect(shown()).toBe('111___')
  })

  it('typing over a filled cell replaces that digit', () => {
    render(<PinInput defaultValue="123456" />)
    cell(3).focus()
    type('9')
    expect(shown()).toBe('129456')
    expect(document.activeElement).toBe(cell(4))
  })

  it('Backspace clears the current digit, then goes back one cell per press', () => {
    const onChange = vi.fn()
    render(<PinInput defaultValue="123456" onChange={onChange} />)
    cell(6).focus()
    fireEvent.keyDown(cell(6), { key: 'Backspace' })
    expect(shown()).toBe('12345_')
    expect(document.activeElement).toBe(cell(6))
    fireEvent.keyDown(cell(6), { key: 'Backspace' })
    expect(shown()).toBe('1234__')
    expect(document.activeElement).toBe(cell(5))
    fireEvent.keyDown(cell(5), { key: 'Backspace' })
    expect(shown()).toBe('123___')
    expect(document.activeElement).toBe(cell(4))
    expect(onChange).toHaveBeenLastCalledWith('123')
  })

  it('Backspace on the first empty cell of an empty input does nothing', () => {
    const onChange = vi.fn()
    render(<PinInput onChange={onChange} />)
    cell(1).focus()
    fireEvent.keyDown(cell(1), { key: 'Backspace' })
    expect(onChange).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(cell(1))
  })

  it('pasting a whole code fills every cell, whatever cell has focus, and completes', () => {
    const onComplete = vi.fn()
    render(<PinInput defaultValue="9" onComplete={onComplete} />)
    cell(2).focus()
    fireEvent.paste(cell(2), { clipboardData: { getData: () => ' 123-456 ' } })
    expect(shown()).toBe('123456')
    expect(onComplete).toHaveBeenCalledWith('123456')
    expect(document.activeElement).toBe(cell(6))
  })

  it('pasting a few digits inserts them at the cell', () => {
    render(<PinInput defaultValue="1" />)
    cell(2).focus()
    fireEvent.paste(cell(2), { clipboardData: { getData: () => '23' } })
    expect(shown()).toBe('123___')
    expect(document.activeElement).toBe(cell(4))
  })

  it('autofill (a change event with the whole code) fills every cell', () => {
    const onComplete = vi.fn()
    render(<PinInput onComplete={onComplete} />)
    fireEvent.change(cell(1), { target: { value: '654321' } })
    expect(shown()).toBe('654321')
    expect(onComplete).toHaveBeenCalledWith('654321')
  })

  it('a mobile keyboard (change event without keydown) types and deletes', () => {
    render(<PinInput defaultValue="12" />)
    cell(3).focus()
    fireEvent.change(cell(3), { target: { value: '7' } })
    expect(shown()).toBe('127___')
    // The cell still held "7" when "8" arrived after it.
    fireEvent.change(cell(3), { target: { value: '78' } })
    expect(shown()).toBe('128___')
    fireEvent.change(cell(3), { target: { value: '' } })
    expect(shown()).toBe('12____')
  })

  it('arrows, Home and End move focus, never past the first empty cell', () => {
    render(<PinInput defaultValue="123" />)
    cell(4).focus()
    fireEvent.keyDown(cell(4), { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(cell(3))
    fireEvent.keyDown(cell(3), { key: 'Home' })
    expect(document.activeElement).toBe(cell(1))
    fireEvent.keyDown(cell(1), { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(cell(1))
    fireEvent.keyDown(cell(1), { key: 'ArrowRight' })
    expect(document.activeElement).toBe(cell(2))
    fireEvent.keyDown(cell(2), { key: 'End' })
    expect(document.activeElement).toBe(cell(4))
    fireEvent.keyDown(cell(4), { key: 'ArrowRight' })
    expect(document.activeElement).toBe(cell(4))
  })

  it('focusing a cell beyond the first empty one lands on the first empty one', () => {
    render(<PinInput defaultValue="1" />)
    cell(5).focus()
    expect(document.activeElement).toBe(cell(2))
  })

  it('Delete removes the digit under the focus and pulls the rest left', () => {
    render(<PinInput defaultValue="12345" />)
    cell(2).focus()
    fireEvent.keyDown(cell(2), { key: 'Delete' })
    expect(shown()).toBe('1345__')
    expect(document.activeElement).toBe(cell(2))
  })

  it('is controlled by value/onChange', () => {
    function Controlled() {
      const [code, setCode] = useState('12')
      return (
        <>
          <PinInput value={code} onChange={setCode} />
          <button onClick={() => setCode('')}>Clear</button>
          <output>{code}</output>
        </>
      )
    }
    render(<Controlled />)
    expect(shown()).toBe('12____')
    cell(3).focus()
    type('3')
    expect(screen.getByRole('status').textContent).toBe('123')
    fireEvent.click(screen.getByText('Clear'))
    expect(shown()).toBe('______')
  })

  it('a controlled value the parent does not update stays as it is', () => {
    const onChange = vi.fn()
    render(<PinInput value="12" onChange={onChange} />)
    cell(3).focus()
    type('3')
    expect(onChange).toHaveBeenCalledWith('123')
    expect(shown()).toBe('12____')
  })

  it('invalid marks every cell aria-invalid and links the description', () => {
    render(
      <>
        <PinInput invalid aria-describedby="err" />
        <p id="err">Wrong code</p>
      </>,
    )
    for (const c of cells()) {
      expect(c.getAttribute('aria-invalid')).toBe('true')
      expect(c.getAttribute('aria-describedby')).toBe('err')
    }
    expect(screen.getByRole('group').hasAttribute('data-invalid')).toBe(true)
  })

  it('disabled disables every cell', () => {
    render(<PinInput disabled defaultValue="12" />)
    expect(cells().every((c) => c.disabled)).toBe(true)
  })

  it('submits its value with a form when named', () => {
    const { container } = render(
      <form>
        <PinInput name="code" defaultValue="4711" />
      </form>,
    )
    const data = new FormData(container.querySelector('form')!)
    expect(data.get('code')).toBe('4711')
  })

  it('autoFocus focuses the first empty cell', () => {
    render(<PinInput autoFocus defaultValue="12" />)
    expect(document.activeElement).toBe(cell(3))
  })

  it('reports its fill state in data-state', () => {
    const { rerender } = render(<PinInput value="" />)
    expect(screen.getByRole('group').dataset.state).toBe('empty')
    rerender(<PinInput value="12" />)
    expect(screen.getByRole('group').dataset.state).toBe('partial')
    rerender(<PinInput value="123456" />)
    expect(screen.getByRole('group').dataset.state).toBe('complete')
    expect(cells()[0]!.dataset.state).toBe('filled')
  })
})
