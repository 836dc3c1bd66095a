import { describe, expect, it } from 'vitest'
import { classifyDriverError, StorageError, toStorageError } from './errors.js'

const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error('pg'), { code, severity: 'ERROR', constraint })
const sqliteError = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('driver error classification', () => {
  it.each([
    [pgError('23505', 'licenses_key_hash_key'), 'STORAGE_CONFLICT'],
    [pgError('23503'), 'STORAGE_NOT_FOUND'],
    [pgError('23514'), 'STORAGE_INVALID'],
    [pgError('22P02'), 'STORAGE_INVALID'],
    [pgError('57P01'), 'STORAGE_UNAVAILABLE'],
    [pgError('40P01'), 'STORAGE_UNAVAILABLE'],
    [pgError('08006'), 'STORAGE_UNAVAILABLE'],
    [pgError('53300'), 'STORAGE_UNAVAILABLE'],
    [pgError('42P01'), 'STORAGE_FAILURE'],
    [
      sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: licenses.key_hash'),
      'STORAGE_CONFLICT',
    ],
    [sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'), 'STORAGE_CONFLICT'],
    [sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'), 'STORAGE_NOT_FOUND'],
    [sqliteError('SQLITE_CONSTRAINT_CHECK'), 'STORAGE_INVALID'],
    [sqliteError('SQLITE_BUSY'), 'STORAGE_UNAVAILABLE'],
    [sqliteError('SQLITE_CANTOPEN'), 'STORAGE_UNAVAILABLE'],
    [sqliteError('SQLITE_ERROR'), 'STORAGE_FAILURE'],
    [Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'STORAGE_UNAVAILABLE'],
    [new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]), 'STORAGE_UNAVAILABLE'],
    [new Error('Connection terminated unexpectedly'), 'STORAGE_UNAVAILABLE'],
  ])('%#: maps to %s', (err, code) => {
    expect(toStorageError(err).code).toBe(code)
    expect(toStorageError(err).cause).toBe(err)
  })

  it('names the constraint but never the value', () => {
    const err = toStorageError(
      sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: licenses.key_hash'),
    )
    expect(err.message).toBe('unique constraint violated: licenses.key_hash')
    expect(toStorageError(pgError('23505', 'licenses_key_hash_key')).message).toBe(
      'unique constraint violated (licenses_key_hash_key)',
    )
  })

  it('leaves non-driver errors to the caller and wraps them only in toStorageError', () => {
    const own = new Error('business')
    expect(classifyDriverError(own)).toBeUndefined()
    expect(classifyDriverError('text')).toBeUndefined()
    expect(toStorageError(own).code).toBe('STORAGE_FAILURE')
    const already = new StorageError('STORAGE_NOT_FOUND', 'x')
    expect(toStorageError(already)).toBe(already)
    expect(already.retryable).toBe(false)
  })
})
