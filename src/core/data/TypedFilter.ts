import type { EchoObject } from './LiveObject.ts'

// The compiler-checked filter and sort of a typed query (`db.query(Task, filter, { sort })`):
// keys are the type's fields, so a typo (`{ compleeted: false }`, `sort: 'titel'`) does not compile.

/** A field's expected value, or a predicate over it (references: the live target). */
export type FieldFilter<V> = V | ((value: V) => boolean)

/**
 * What a typed query matches: expected values of the type's fields (and `@id`), or a predicate
 * over the typed live object.
 *
 * @example db.query(Task, { done: false, assignee: ada })
 */
export type TypedFilter<T extends object> =
  | ({ readonly [K in keyof T & string]?: FieldFilter<T[K]> } & { readonly '@id'?: string })
  | ((object: EchoObject<T>) => boolean)

/** A sortable key of a type: one of its fields, `@meta.createdAt` or `@id`. */
export type SortKey<T extends object> = (keyof T & string) | '@meta.createdAt' | '@id'

/** Sort of a typed query: a key, descending with a leading `-`, several, or a comparator. */
export type TypedSort<T extends object> =
  | SortKey<T>
  | `-${SortKey<T>}`
  | readonly (SortKey<T> | `-${SortKey<T>}`)[]
  | ((a: EchoObject<T>, b: EchoObject<T>) => number)

/** Options of a typed query. */
export interface TypedQueryOptions<T extends object> {
  sort?: TypedSort<T>
  /**
   * Include objects that fail the type's schema (they are flagged in `query.invalid`, and
   * their fields are whatever the peer wrote). Default: left out, and still reported there.
   */
  includeInvalid?: boolean
}
