// Layout of the docs pages (Storybook has no MDX or autodocs here: they need
// @storybook/addon-docs, which is not installed). Each page is a story that renders prose,
// reference tables, a live example and that example's own source.
import { useId, type CSSProperties, type ReactNode } from 'react'
import { tokens } from '../../src/ui/index.ts'

/**
 * A docs page: a title, a one-paragraph summary and sections.
 *
 * @example <DocPage title="useQuery" summary="Live query results.">…</DocPage>
 */
export function DocPage({ title, summary, children }: { title: string; summary: ReactNode; children: ReactNode }) {
  return (
    <main style={pageStyle}>
      <article style={{ maxWidth: '52rem', margin: '0 auto', display: 'flex', flexDirection: 'column', gap: '1.75rem' }}>
        <header style={{ display: 'flex', flexDirection: 'column', gap: '0.6rem' }}>
          <p style={{ margin: 0, fontSize: '0.8125rem', fontWeight: 600, letterSpacing: '0.04em', textTransform: 'uppercase', color: tokens.muted }}>echo-kit docs</p>
          <h1 style={{ margin: 0, fontSize: '1.75rem', lineHeight: 1.25 }}>{title}</h1>
          <div style={{ ...proseStyle, fontSize: '1.0625rem' }}>{summary}</div>
        </header>
        {children}
      </article>
    </main>
  )
}

/**
 * A titled section of a docs page.
 *
 * @example <Section title="Returns"><p>…</p></Section>
 */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section aria-labelledby={id} style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem' }}>
      <h2 id={id} style={{ margin: 0, fontSize: '1.25rem', lineHeight: 1.3 }}>
        {title}
      </h2>
      <div style={{ ...proseStyle, display: 'flex', flexDirection: 'column', gap: '0.75rem' }}>{children}</div>
    </section>
  )
}

/**
 * A block of code. `source` from a `?raw` import is shown with the package's public import
 * path instead of the relative one the story uses.
 *
 * @example <Code label="Signature">{'useQuery(space, filter, { sort })'}</Code>
 */
export function Code({ children, label }: { children: string; label?: string }) {
  const text = children.replace(/'(?:\.\.\/)+src\/index\.ts'/g, "'echo-kit'").replace(/'(?:\.\.\/)+src\/ui\/index\.ts'/g, "'echo-kit'").trimEnd()
  return (
    // Focusable: a long line scrolls sideways, and keyboard users must be able to scroll it too.
    <pre tabIndex={0} aria-label={label} style={codeStyle}>
      <code>{text}</code>
    </pre>
  )
}

/** Inline code. @example <C>useQuery</C> */
export function C({ children }: { children: ReactNode }) {
  return <code style={inlineCodeStyle}>{children}</code>
}

/**
 * A running example in a frame, with its source below.
 *
 * @example <Example source={source}><TaskListExample /></Example>
 */
export function Example({ title = 'Try it', source, note, children }: { title?: string; source: string; note?: ReactNode; children: ReactNode }) {
  const id = useId()
  return (
    <section aria-labelledby={id} style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem' }}>
      <h2 id={id} style={{ margin: 0, fontSize: '1.25rem', lineHeight: 1.3 }}>
        {title}
      </h2>
      {note && <div style={proseStyle}>{note}</div>}
      <div data-part="example" style={exampleStyle}>
        {children}
      </div>
      <details style={{ ...proseStyle }}>
        <summary style={{ cursor: 'pointer', fontWeight: 600 }}>Source of this example</summary>
        <div style={{ marginTop: '0.5rem' }}>
          <Code label="Source of this example">{source}</Code>
        </div>
      </details>
    </section>
  )
}

/**
 * A reference table: one row per parameter, field or prop.
 *
 * @example <RefTable caption="Parameters" rows={[['space', 'Space | undefined', 'The space to query']]} />
 */
export function RefTable({ caption, head = ['Name', 'Type', 'Description'], rows }: { caption: string; head?: [string, string, string]; rows: [ReactNode, ReactNode, ReactNode][] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={tableStyle}>
        <colgroup>
          <col style={{ width: '24%' }} />
          <col style={{ width: '32%' }} />
          <col />
        </colgroup>
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0 0 0.4rem' }}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" style={thStyle}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, type, description], i) => (
            <tr key={i}>
              <th scope="row" style={{ ...tdStyle, fontWeight: 400 }}>
                <C>{name}</C>
              </th>
              <td style={tdStyle}>
                <C>{type}</C>
              </td>
              <td style={tdStyle}>{description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Parameters of every docs story: full width, no Storybook padding, nothing to control. */
export const docsParameters = { layout: 'fullscreen', controls: { disable: true }, actions: { disable: true }, interactions: { disable: true } } as const

const pageStyle: CSSProperties = { boxSizing: 'border-box', minHeight: '100vh', padding: '2rem 1.5rem 3rem', background: '#ffffff', color: tokens.fg, fontFamily: tokens.font }
const proseStyle: CSSProperties = { margin: 0, fontSize: '0.9688rem', lineHeight: 1.6 }
const codeStyle: CSSProperties = {
  margin: 0,
  padding: '0.875rem 1rem',
  overflowX: 'auto',
  fontFamily: tokens.mono,
  fontSize: '0.8125rem',
  lineHeight: 1.55,
  color: '#1f2937',
  background: '#f3f4f6',
  border: `1px solid ${tokens.border}`,
  borderRadius: 8,
  tabSize: 2,
}
const inlineCodeStyle: CSSProperties = { overflowWrap: 'anywhere', fontFamily: tokens.mono, fontSize: '0.875em', padding: '0.1em 0.3em', background: '#f3f4f6', borderRadius: 4, color: '#1f2937' }
const exampleStyle: CSSProperties = { padding: '1.25rem', border: `1px solid ${tokens.border}`, borderRadius: 12, background: '#f9fafb' }
const tableStyle: CSSProperties = { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse', fontSize: '0.9062rem', lineHeight: 1.5 }
const thStyle: CSSProperties = { textAlign: 'left', padding: '0.45rem 0.75rem 0.45rem 0', borderBottom: `2px solid ${tokens.border}`, fontWeight: 600 }
const tdStyle: CSSProperties = { textAlign: 'left', verticalAlign: 'top', padding: '0.5rem 0.75rem 0.5rem 0', borderBottom: `1px solid ${tokens.border}` }
