import type { EpochSeconds, Json, JsonObject } from './common-types.js'

/** An operator API token. Only its hash is stored; the token itself is shown once at creation. */
export interface AdminToken {
  id: string
  tokenHash: string
  scopes: string[]
  label: string
  createdAt: EpochSeconds
  revokedAt: EpochSeconds | null
}

export interface AuditEntry {
  at: EpochSeconds
  /** Admin token id, 'system', or another opaque actor reference (never a person's name). */
  actor: string
  action: string
  target: string
  data: JsonObject
}

/** An audit row: `hash` chains over `prevHash`, so deleting or editing any row breaks verification. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3, … without gaps. */
  seq: number
  /** The previous row's hash; null for the first row. */
  prevHash: string | null
  hash: string
}

export interface AuditQuery {
  afterSeq?: number
  beforeSeq?: number
  /** Default 'asc'. */
  order?: 'asc' | 'desc'
  limit?: number
}

/** Computes a row's hash from everything else in it (the caller owns the hash format and key). */
export type AuditHasher = (record: Omit<AuditRecord, 'hash'>) => string | Promise<string>

/** A root-signed key set document (compact JWS) by version. */
export interface Keyset {
  version: number
  token: string
  createdAt: EpochSeconds
}

/** Admin tokens, the audit chain, key set documents and small server settings. */
export interface AdminStorage {
  /** STORAGE_CONFLICT on a duplicate id or token hash. */
  createAdminToken(token: Omit<AdminToken, 'revokedAt'>): Promise<AdminToken>
  /** Returns revoked tokens too (with `revokedAt`), so the caller can tell "revoked" from "unknown". */
  findAdminTokenByHash(tokenHash: string): Promise<AdminToken | undefined>
  listAdminTokens(): Promise<AdminToken[]>
  /** Idempotent (keeps the first revocation time). STORAGE_NOT_FOUND when unknown. */
  revokeAdminToken(id: string, now: EpochSeconds): Promise<AdminToken>

  /**
   * Reads the last row's hash and inserts the next row in one serialised transaction (PostgreSQL:
   * transaction-scoped advisory lock; SQLite: the write lock), so concurrent appends from any
   * number of replicas form one gap-free chain. There is no update or delete.
   */
  appendAudit(entry: AuditEntry, computeHash: AuditHasher): Promise<AuditRecord>
  /**
   * Rows with `afterSeq < seq < beforeSeq` (both optional), ascending by seq, or the newest first
   * with `order: 'desc'` (a page walked backwards from `beforeSeq`); `limit` default 1000, capped
   * at 1000.
   */
  listAudit(query?: AuditQuery): Promise<AuditRecord[]>

  /** STORAGE_CONFLICT when that version exists (versions are immutable). */
  putKeyset(keyset: Keyset): Promise<void>
  latestKeyset(): Promise<Keyset | undefined>
  getKeyset(version: number): Promise<Keyset | undefined>

  getSetting<T extends Json = Json>(key: string): Promise<T | undefined>
  /** Creates or replaces. */
  putSetting(key: string, value: Json): Promise<void>
  deleteSetting(key: string): Promise<void>
}
