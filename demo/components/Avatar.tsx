import { hueOf, initials } from '../model.ts'

/** Initials on a colour that is stable per person. Decorative: the name is always shown or labelled. */
export function Avatar({ id, name, size = 'md' }: { id: string; name: string; size?: 'sm' | 'md' }) {
  return (
    <span className={`avatar avatar--${size}`} style={{ ['--hue' as string]: hueOf(id) }} aria-hidden="true">
      {initials(name)}
    </span>
  )
}
