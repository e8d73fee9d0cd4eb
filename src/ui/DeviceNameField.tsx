import { useId } from 'react'
import { DISPLAY_TEXT_MAX } from '../react/index.ts'
import { KitInput, Part } from './kit.tsx'

/**
 * Props of {@link DeviceNameField}.
 *
 * @example const props: DeviceNameFieldProps = { label: 'Name of this device', hint: 'e.g. Phone', value, onChange: setValue }
 */
export interface DeviceNameFieldProps {
  label: string
  hint: string
  value: string
  onChange: (value: string) => void
}

/**
 * The new device's name, asked for while linking it: a labelled one-line input with a hint,
 * limited to the length the host keeps. Shared by JoinPanel; not exported from `src/ui/index.ts`.
 *
 * @example <DeviceNameField label={m.deviceNameLabel} hint={m.deviceNameHint} value={name} onChange={setName} />
 */
export function DeviceNameField({ label, hint, value, onChange }: DeviceNameFieldProps) {
  const id = useId()
  return (
    <Part part="device-name-field">
      <Part as="label" part="label" htmlFor={`${id}name`}>
        {label}
      </Part>
      <KitInput
        part="device-name-input"
        id={`${id}name`}
        autoComplete="off"
        maxLength={DISPLAY_TEXT_MAX}
        value={value}
        aria-describedby={`${id}hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <Part as="p" id={`${id}hint`} part="hint">
        {hint}
      </Part>
    </Part>
  )
}
