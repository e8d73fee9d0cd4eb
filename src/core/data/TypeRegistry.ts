import { EchoError } from '../shared/index.ts'
import type { DatabaseCore } from './DatabaseCore.ts'
import { describeIssues, runSchema, schemaIssues, type AnyEchoType, type SchemaIssue } from './EchoType.ts'
import type { EchoObject } from './LiveObject.ts'
import { Text } from './Text.ts'
import { isRef, plainEqual } from './values.ts'

/** An object a typed query left out (or, with `includeInvalid`, flagged): why it fails its schema. */
export interface InvalidObject {
  readonly id: string
  /** The live object, untyped: its fields are whatever the peer wrote. */
  readonly object: EchoObject
  /** The schema's problems, naming each field path. */
  readonly message: string
}

/** What a typed query asks of its type: whether an object is valid, and the invalid ones. */
export interface TypedCheck {
  readonly typename: string
  /** True when the object may be in the result: valid, or invalid with `includeInvalid`. */
  accept(id: string, snap: Readonly<Record<string, unknown>>): boolean
  /** The objects found invalid that are still in the database, with their problems. */
  invalid(): InvalidObject[]
}

type Snap = Readonly<Record<string, unknown>>
const VALID: readonly SchemaIssue[] = []

/**
 * The types a database has seen through the typed API (`db.add(Type)`, `db.query(Type)`,
 * `db.get(id, Type)`), by name; the last one registered under a name wins. It validates
 * snapshots (cached per snapshot, which is replaced on every change), counts invalid objects
 * once per snapshot, checks local writes to typed objects (through `core.checkWrite`) and
 * upgrades objects written with an older version of their type.
 */
export class TypeRegistry {
  readonly #core: DatabaseCore
  readonly #types = new Map<string, AnyEchoType>()
  readonly #results = new WeakMap<AnyEchoType, WeakMap<Snap, readonly SchemaIssue[]>>()
  readonly #counted = new WeakSet<Snap>()
  readonly #upgrades = new Set<string>()
  #migrating = false

  constructor(core: DatabaseCore) {
    this.#core = core
  }

  /** Makes `type` the one for its name and checks local writes to its objects from now on. */
  register(type: AnyEchoType): void {
    this.#types.set(type.typename, type)
    this.#core.checkWrite ??= (id, next) => this.#checkWrite(id, next)
  }

  /**
   * The issues of a snapshot against `type` (after upgrading an older version), [] when valid.
   * With the object's `id` (a read of the stored object), an invalid one is counted in
   * `db.stats().invalidObjects` and an older version is scheduled for upgrade.
   */
  issuesOf(type: AnyEchoType, snap: Snap, id?: string): readonly SchemaIssue[] {
    let cache = this.#results.get(type)
    if (!cache) this.#results.set(type, (cache = new WeakMap()))
    let issues = cache.get(snap)
    if (!issues) {
      issues = validate(type, snap)
      cache.set(snap, issues)
    }
    if (id === undefined) return issues
    if (issues.length && !this.#counted.has(snap)) {
      this.#counted.add(snap)
      this.#core.countInvalidObject()
    }
    if (!issues.length && versionOf(snap) < type.version) this.#scheduleUpgrade(type, id)
    return issues
  }

  /** The checks a typed query runs (see {@link TypedCheck}). */
  check(type: AnyEchoType, includeInvalid: boolean): TypedCheck {
    this.register(type)
    const invalid = new Map<string, string>()
    return {
      typename: type.typename,
      accept: (id, snap) => {
        const issues = this.issuesOf(type, snap, id)
        if (!issues.length) {
          invalid.delete(id)
          return true
        }
        invalid.set(id, describeIssues(issues))
        return includeInvalid
      },
      invalid: () => {
        const out: InvalidObject[] = []
        for (const [id] of invalid) {
          const snap = this.#core.read.snapshotOf(id)
          const object = this.#core.liveOf(id)
          if (!snap || !object || snap['@type'] !== type.typename) continue
          const issues = this.issuesOf(type, snap)
          if (issues.length) out.push({ id, object, message: describeIssues(issues) })
        }
        return out
      },
    }
  }

  /** The live object `id` when it is a valid object of `type` (invalid ones counted), else undefined. */
  get(type: AnyEchoType, id: string): EchoObject | undefined {
    this.register(type)
    const snap = this.#core.read.snapshotOf(id)
    if (!snap || snap['@type'] !== type.typename || this.issuesOf(type, snap, id).length) return undefined
    return this.#core.liveOf(id)
  }

  /** Adds an object of `type` after validating `data`; throws INVALID_VALUE naming the field. */
  add(type: AnyEchoType, data: unknown): string {
    this.register(type)
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new EchoError('INVALID_VALUE', `db.add(${type.typename}): the data must be an object`)
    }
    // The schema sees text fields as the strings they read as.
    const view: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(data)) if (!key.startsWith('@')) view[key] = value instanceof Text ? value.value : value
    const result = runSchema(type.schema, view)
    if ('issues' in result) throw new EchoError('INVALID_VALUE', `db.add(${type.typename}): ${describeIssues(result.issues)}`)
    // What is stored is what the app gave (unknown fields kept, no transforms), plus the
    // top-level fields the schema filled in that were left out (defaults), so reads match the type.
    const stored: Record<string, unknown> = { ...(data as Record<string, unknown>) }
    const output = result.value
    if (output !== null && typeof output === 'object') {
      for (const [key, value] of Object.entries(output)) if (!(key in stored) && value !== undefined && !key.startsWith('@')) stored[key] = value
    }
    return this.#core.add({ ...stored, '@type': type.typename }, { typeVersion: type.version })
  }

  // A local write to an object of a registered type must not break the fields it changes (an
  // object that already failed its schema, say from a peer, can still be repaired field by field).
  #checkWrite(id: string, next: Record<string, unknown>): void {
    if (this.#migrating) return
    const type = typeof next['@type'] === 'string' ? this.#types.get(next['@type']) : undefined
    if (!type) return
    // References read as their live targets, so `ref(Person)` can check the target's type.
    // (An object of an older version is checked as upgraded, through the cached path.)
    const issues = versionOf(next) < type.version ? this.issuesOf(type, next) : (schemaIssues(type.schema, withLiveRefs(this.#core, fieldsOf(next))) ?? VALID)
    if (!issues.length) return
    const prev = this.#core.read.snapshotOf(id)
    const wasValid = !!prev && prev['@type'] === type.typename && !this.issuesOf(type, prev).length
    const changed = (key: string) => !prev || !plainEqual(prev[key], next[key])
    const blamed = issues.filter((i) => (i.path.length ? changed(i.path[0]!) : wasValid))
    if (blamed.length) throw new EchoError('INVALID_VALUE', `${type.typename}: ${describeIssues(blamed)}`)
  }

  // An object written with an older version passes (validated as upgraded); the upgrade is
  // written after the current task, not during the read that found it (often a render).
  #scheduleUpgrade(type: AnyEchoType, id: string): void {
    if (this.#upgrades.has(id)) return
    this.#upgrades.add(id)
    queueMicrotask(() => {
      this.#upgrades.delete(id)
      this.#upgrade(type, id)
    })
  }

  #upgrade(type: AnyEchoType, id: string): void {
    const snap = this.#core.read.snapshotOf(id)
    if (!snap || snap['@type'] !== type.typename || versionOf(snap) >= type.version || this.#core.status !== 'ready') return
    let fields: Record<string, unknown>
    try {
      fields = type.upgrade!(fieldsOf(snap), versionOf(snap))
      this.#core.assertMayWrite()
    } catch {
      // A reader cannot write the upgrade (nor can anyone once the space closed): typed reads
      // still validate the upgraded copy. An upgrade that throws made issuesOf report it.
      return
    }
    this.#migrating = true
    try {
      for (const [key, value] of Object.entries(fields)) {
        if (!key.startsWith('@') && value !== undefined && !plainEqual(snap[key], value)) this.#core.setField(id, [key], value)
      }
      const meta = snap['@meta'] !== null && typeof snap['@meta'] === 'object' ? snap['@meta'] : {}
      this.#core.setField(id, ['@meta'], { ...meta, typeVersion: type.version })
    } finally {
      this.#migrating = false
    }
  }
}

const registries = new WeakMap<DatabaseCore, TypeRegistry>()

/** The type registry of a database (made on first use). */
export function typesOf(core: DatabaseCore): TypeRegistry {
  let registry = registries.get(core)
  if (!registry) registries.set(core, (registry = new TypeRegistry(core)))
  return registry
}

function validate(type: AnyEchoType, snap: Snap): readonly SchemaIssue[] {
  const version = versionOf(snap)
  let fields: Record<string, unknown> = fieldsOf(snap)
  if (version < type.version) {
    try {
      fields = type.upgrade!(fields, version)
    } catch (error) {
      return [{ path: [], message: `upgrade from version ${version} threw: ${(error as Error)?.message}` }]
    }
  }
  return schemaIssues(type.schema, fields) ?? VALID
}

/** Top-level references (and arrays of them) as the live objects they point to, where present. */
function withLiveRefs(core: DatabaseCore, fields: Record<string, unknown>): Record<string, unknown> {
  const live = (value: unknown): unknown => (isRef(value) ? (core.liveOf(value['@ref']) ?? value) : value)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) out[key] = Array.isArray(value) ? value.map(live) : live(value)
  return out
}

/** The app's fields of a snapshot (the engine's `@` keys left out), as the schema sees them. */
function fieldsOf(snap: Snap): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(snap)) if (!key.startsWith('@')) out[key] = snap[key]
  return out
}

function versionOf(snap: Snap): number {
  const meta = snap['@meta']
  const v = meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>).typeVersion : undefined
  return typeof v === 'number' ? v : 1
}
