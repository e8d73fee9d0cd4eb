import type { StandardSchemaV1 } from '@standard-schema/spec'
import { EchoError } from '../shared/index.ts'
import type { EchoObject } from './LiveObject.ts'
import type { Text } from './Text.ts'

// Typed objects: a type is a name (stored as `@type`) plus the app's own Standard Schema
// (zod 4, valibot 1, arktype 2...). echo-kit only calls `schema['~standard'].validate`, so no
// validator is bundled: the app brings its own.

export type { StandardSchemaV1 } from '@standard-schema/spec'

const ECHO_TYPE = Symbol.for('echo-kit.type')

/** Turns an object of an older version into the current shape (see {@link defineType}). */
export type Upgrade = (old: Readonly<Record<string, unknown>>, fromVersion: number) => Record<string, unknown>

/** Options of {@link defineType}. */
export interface TypeOptions {
  /**
   * Version of the schema, a positive integer (default 1). Objects record the version they were
   * written with (`@meta.typeVersion`); older ones go through `upgrade` when read.
   */
  version?: number
  /** Called for an object written with an older version; returns its fields for this version. */
  upgrade?: Upgrade
}

/**
 * A declared object type: its name (the `@type` of its objects), its schema and version.
 * Made by {@link defineType}; pass it to `db.add`, `db.query`, `db.get`, `useQuery`, `useObject`.
 */
export interface EchoType<Name extends string = string, Schema extends StandardSchemaV1 = StandardSchemaV1> {
  readonly typename: Name
  readonly schema: Schema
  readonly version: number
  readonly upgrade: Upgrade | undefined
  readonly [ECHO_TYPE]: true
}

/** Any declared type. */
export type AnyEchoType = EchoType<string, StandardSchemaV1>

/** The fields of a type's objects, as its schema outputs them (references as live objects). */
export type FieldsOf<T extends AnyEchoType> = StandardSchemaV1.InferOutput<T['schema']> & object

/**
 * What `db.add(Type, data)` takes: the schema's input, where a string field may also be given
 * as `text('...')` (a collaborative text field; it reads as a string).
 */
export type InputOf<T extends AnyEchoType> = WithText<StandardSchemaV1.InferInput<T['schema']>> & object

type WithText<I> = I extends object ? { [K in keyof I]: string extends I[K] ? I[K] | Text : I[K] } : I

/** A live object of a type. @example function Row({ task }: { task: ObjectOf<typeof Task> }) */
export type ObjectOf<T extends AnyEchoType> = EchoObject<FieldsOf<T>>

/**
 * Declares an object type with any Standard Schema validator (zod 4, valibot 1, arktype 2...).
 * Objects added with it get `'@type': name`; writes are validated; typed queries skip (and
 * report) objects that fail it. Fields the schema does not know survive reads and writes, so
 * use non-strict object schemas (another version of the app may own those fields).
 *
 * @example
 * const Person = defineType('person', z.object({ name: z.string() }))
 * const Task = defineType('task', z.object({ title: z.string(), done: z.boolean(), assignee: ref(Person).optional() }))
 * const task = space.db.add(Task, { title: 'Buy milk', done: false })
 *
 * @example Adding a field in version 2: older objects get it when read
 * const Task = defineType('task', z.object({ title: z.string(), done: z.boolean(), priority: z.number() }), {
 *   version: 2,
 *   upgrade: (old) => ({ ...old, priority: 0 }),
 * })
 */
export function defineType<const Name extends string, Schema extends StandardSchemaV1>(
  name: Name,
  schema: Schema,
  options: TypeOptions = {},
): EchoType<Name, Schema> {
  if (typeof name !== 'string' || !name) throw new EchoError('INVALID_VALUE', 'defineType: the name must be a non-empty string')
  if (typeof schema?.['~standard']?.validate !== 'function') {
    throw new EchoError('INVALID_VALUE', `defineType('${name}'): the schema must implement Standard Schema v1 (zod 4, valibot 1, arktype 2...)`)
  }
  const version = options.version ?? 1
  if (!Number.isInteger(version) || version < 1) throw new EchoError('INVALID_VALUE', `defineType('${name}'): version must be a positive integer`)
  if (version > 1 && typeof options.upgrade !== 'function') {
    throw new EchoError('INVALID_VALUE', `defineType('${name}'): version ${version} needs an upgrade function for older objects`)
  }
  return Object.freeze({ typename: name, schema, version, upgrade: options.upgrade, [ECHO_TYPE]: true as const })
}

/** True for a type made by {@link defineType}. */
export function isEchoType(value: unknown): value is AnyEchoType {
  return value !== null && typeof value === 'object' && (value as { [ECHO_TYPE]?: unknown })[ECHO_TYPE] === true
}

/** One problem a schema found: the field path (empty for the whole object) and its message. */
export interface SchemaIssue {
  readonly path: readonly string[]
  readonly message: string
}

/** Runs a schema synchronously; undefined when the value is valid. */
export function schemaIssues(schema: StandardSchemaV1, value: unknown): readonly SchemaIssue[] | undefined {
  const result = runSchema(schema, value)
  return 'issues' in result ? result.issues : undefined
}

/** Runs a schema synchronously: its output, or its issues. */
export function runSchema(schema: StandardSchemaV1, value: unknown): { value: unknown } | { issues: readonly SchemaIssue[] } {
  const result = schema['~standard'].validate(value)
  if (result instanceof Promise) {
    // Writes are synchronous (the read model updates at once), so an async schema cannot be
    // awaited: it is reported as the problem (the rejection, if any, is the schema's own).
    result.catch(() => undefined)
    return { issues: [{ path: [], message: 'the schema validates asynchronously; echo-kit needs a synchronous schema (no async refinements)' }] }
  }
  if (!result.issues) return { value: result.value }
  return {
    issues: result.issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null ? p.key : p)),
      message: issue.message,
    })),
  }
}

/** Issues as one message naming each field path: `'title': Expected string, received number`. */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => (i.path.length ? `'${i.path.join('.')}': ${i.message}` : i.message))
  if (issues.length > 5) shown.push(`and ${issues.length - 5} more`)
  return shown.join('; ')
}
