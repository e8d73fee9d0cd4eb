import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { AnyEchoType, FieldsOf } from './EchoType.ts'
import type { EchoObject } from './LiveObject.ts'
import { isRef, liveInfo } from './values.ts'

// A typed weak reference inside a schema. It has to sit inside the app's own object schema
// (`z.object({ assignee: ref(Person).optional() })`, `v.object({ assignee: v.optional(ref(Person)) })`),
// and neither zod nor valibot take a foreign Standard Schema as a field. So besides Standard
// Schema, the value speaks the small field protocol each of them calls on a field: zod 4's
// `_zod.run` (with `optin`/`optout` for optional) and valibot 1's `~run`. Those are internal
// to each library: test/types/typedObjects.test.ts pins them with zod 4.6 and valibot 1.5.

/** The zod 4 field protocol (what `z.object` reads from each field). */
interface ZodField<Out, Optional extends boolean> {
  readonly output: Out
  readonly input: Out
  readonly optin: Optional extends true ? 'optional' : undefined
  readonly optout: Optional extends true ? 'optional' : undefined
  readonly traits: ReadonlySet<string>
  readonly def: { readonly type: 'custom' }
  readonly run: (payload: { value: unknown; issues: unknown[] }, ctx?: unknown) => unknown
}

/**
 * A reference to an object of type `Target` inside a schema: reads as the live object (or
 * undefined while it is missing), stored as a weak reference `{ '@ref': id }` as before.
 */
export interface RefSchema<Target extends object, Optional extends boolean = false, Nullable extends boolean = false>
  extends StandardSchemaV1<RefValue<Target, Optional, Nullable>> {
  // valibot types `vendor` as 'valibot' in the fields it takes; the value says 'echo-kit'.
  readonly '~standard': Omit<StandardSchemaV1.Props<RefValue<Target, Optional, Nullable>>, 'vendor'> & { readonly vendor: any }
  /** The referenced type's name. */
  readonly typename: string
  readonly _zod: ZodField<RefValue<Target, Optional, Nullable>, Optional>
  readonly kind: 'schema'
  readonly type: string
  readonly expects: string
  readonly async: false
  readonly reference: (...args: any[]) => any
  readonly '~run': (dataset: any, config: any) => any
  readonly '~types'?: { readonly input: EchoObject<Target>; readonly output: EchoObject<Target>; readonly issue: any }
  /** The same reference, optional (the field may be absent). */
  optional(): RefSchema<Target, true, Nullable>
  /** The same reference, nullable (the field may hold null: "no one"). */
  nullable(): RefSchema<Target, Optional, true>
}

/** What a reference field reads as: the live target, and undefined / null where allowed. */
export type RefValue<Target extends object, Optional extends boolean, Nullable extends boolean> =
  | EchoObject<Target>
  | (Optional extends true ? undefined : never)
  | (Nullable extends true ? null : never)

/**
 * A typed weak reference to objects of `type`, for use inside a type's schema. Accepts a live
 * object of that type (stored as a reference) and, in data read from the document, a stored
 * reference (whose target may not have synced yet: references are weak).
 *
 * @example
 * const Task = defineType('task', z.object({ title: z.string(), assignee: ref(Person).optional() }))
 * task.assignee?.name // string | undefined
 */
export function ref<T extends AnyEchoType>(type: T): RefSchema<FieldsOf<T>> {
  return makeRef(type.typename, false, false) as RefSchema<FieldsOf<T>>
}

function makeRef(typename: string, optional: boolean, nullable: boolean): RefSchema<object, boolean, boolean> {
  const expects = `a reference to a '${typename}' object`
  const problem = (value: unknown): string | undefined => {
    if ((value === undefined && optional) || (value === null && nullable)) return undefined
    if (isRef(value)) return undefined
    const info = liveInfo(value)
    if (info && info.path.length === 0) {
      const type = (value as { '@type'?: unknown })['@type']
      return type === typename ? undefined : `Expected ${expects}, got a '${String(type)}' object`
    }
    return `Expected ${expects} (a live object from db.add/db.get)`
  }
  const schema: RefSchema<object, boolean, boolean> = {
    typename,
    '~standard': {
      version: 1,
      vendor: 'echo-kit',
      validate: (value) => {
        const message = problem(value)
        return message ? { issues: [{ message }] } : { value: value as EchoObject<object> }
      },
    },
    _zod: {
      output: undefined as never,
      input: undefined as never,
      optin: (optional ? 'optional' : undefined) as never,
      optout: (optional ? 'optional' : undefined) as never,
      traits: new Set(['$ZodType', 'EchoRef']),
      def: { type: 'custom' },
      run: (payload) => {
        const message = problem(payload.value)
        if (message) payload.issues.push({ code: 'custom', message, input: payload.value, path: [] })
        return payload
      },
    },
    kind: 'schema',
    // valibot treats a field whose type is 'optional' as one that may be absent.
    type: optional ? 'optional' : 'echo_ref',
    expects,
    async: false,
    reference: ref,
    '~run': (dataset: { value: unknown }) => {
      const message = problem(dataset.value)
      if (!message) return { typed: true, value: dataset.value }
      return { typed: false, value: dataset.value, issues: [{ kind: 'schema', type: 'custom', input: dataset.value, expected: expects, received: typeof dataset.value, message }] }
    },
    optional: () => makeRef(typename, true, nullable) as RefSchema<object, true, boolean>,
    nullable: () => makeRef(typename, optional, true) as RefSchema<object, boolean, true>,
  }
  return schema
}
