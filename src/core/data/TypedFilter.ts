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
  | ({ readonly [K in keyof T & string]?: FieldFilter<T[K]> } & NestedFilter<T> & { readonly '@id'?: string })
  | ((object: EchoObject<T>) => boolean)

/** A sortable key of a type: one of its fields (or `field.sub` of a nested object), `@meta.createdAt` or `@id`. */
export type SortKey<T extends object> = (keyof T & string) | NestedKey<T> | '@meta.createdAt' | '@id'

// One level of nesting, as dotted paths (`'address.city'`): plain nested objects only, not
// arrays and not references (a reference matches by the live object: `{ assignee: ada }`).
type Nested<V> = V extends readonly unknown[] ? never : V extends { readonly '@id': string } ? never : V extends object ? V : never
type NestedKey<T> = { [K in keyof T & string]: `${K}.${keyof Nested<NonNullable<T[K]>> & string}` }[keyof T & string]
type NestedFilter<T> = UnionToIntersection<{ [K in keyof T & string]: NestedEntries<K, Nested<NonNullable<T[K]>>> }[keyof T & string]>
type NestedEntries<K extends string, N> = [N] extends [never] ? never : { readonly [P in keyof N & string as `${K}.${P}`]?: FieldFilter<N[P]> }
type UnionToIntersection<U> = [U] extends [never] ? unknown : (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

/** Sort of a typed query: a key, descending with a leading `-`, several, or a comparator. */
export type TypedSort<T extends object> =
  | SortKey<T>
  | `-${SortKey<T>}`
  | readonly (SortKey<T> | `-${SortKey<T>}`)[]
  | ((a: EchoObject<T>, b: EchoObject<T>) => number)

/** Options of a typed query. */
export interface TypedQueryOptions<T extends object> {
  sort?: TypedSort<T> | undefined
  /**
   * Include objects that fail the type's schema (they are flagged in `query.invalid`, and
   * their fields are whatever the peer wrote). Default: left out, and still reported there.
   */
  includeInvalid?: boolean | undefined
}
