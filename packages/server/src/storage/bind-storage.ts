import { adminQueries } from './admin-queries.js'
import { productQueries } from './catalog-queries.js'
import type { Ctx } from './context.js'
import { deviceQueries } from './device-queries.js'
import { classifyDriverError, StorageError, toStorageError } from './errors.js'
import { licenseQueries } from './license-queries.js'
import { nonceQueries } from './nonce-queries.js'
import { policyQueries } from './policy-queries.js'
import { statsQueries } from './stats-queries.js'
import type { Storage } from './storage.js'
import { telemetryQueries } from './telemetry-queries.js'

interface Lifecycle {
  closed: boolean
  close(): Promise<void>
}

function domainMethods(ctx: Ctx) {
  return {
    ...productQueries(ctx),
    ...policyQueries(ctx),
    ...licenseQueries(ctx),
    ...deviceQueries(ctx),
    ...nonceQueries(ctx),
    ...adminQueries(ctx),
    ...telemetryQueries(ctx),
    ...statsQueries(ctx),
  }
}

type Methods = ReturnType<typeof domainMethods>
type AnyMethod = (...args: unknown[]) => Promise<unknown>

const closedError = () => new StorageError('STORAGE_UNAVAILABLE', 'storage is closed')

/** Wraps every domain method so driver errors surface as StorageErrors with stable codes. */
function guard(methods: Methods, life: Lifecycle): Methods {
  const out: Record<string, AnyMethod> = {}
  for (const [name, fn] of Object.entries(methods) as [string, AnyMethod][]) {
    out[name] = async (...args) => {
      if (life.closed) throw closedError()
      try {
        return await fn(...args)
      } catch (err) {
        throw toStorageError(err)
      }
    }
  }
  return out as Methods
}

/** Builds a Storage over a context; `tx` handles share the lifecycle but cannot close it. */
export function bindStorage(ctx: Ctx, life: Lifecycle): Storage {
  const storage: Storage = {
    ...guard(domainMethods(ctx), life),
    dialect: ctx.dialect,
    async transaction(fn) {
      if (life.closed) throw closedError()
      if (ctx.inTransaction) return fn(storage) // joins the running transaction
      try {
        return await ctx.atomic((tx) => fn(txStorage(tx, life)))
      } catch (err) {
        // Driver errors (BEGIN/COMMIT, unavailability) get codes; the caller's own errors pass through.
        throw classifyDriverError(err) ?? err
      }
    },
    async close() {
      if (ctx.inTransaction)
        throw new StorageError('STORAGE_MISUSE', 'close() called on a transaction handle')
      if (life.closed) return
      life.closed = true
      await life.close()
    },
  }
  return storage
}

/**
 * Transaction handles by context. SQLite hands every transaction the same context (one
 * connection), so its handle is bound once instead of on every transaction; PostgreSQL's
 * per-transaction contexts are collected with their handles.
 */
const handles = new WeakMap<Ctx, Storage>()

function txStorage(tx: Ctx, life: Lifecycle): Storage {
  let handle = handles.get(tx)
  if (!handle) {
    handle = bindStorage(tx, life)
    handles.set(tx, handle)
  }
  return handle
}
