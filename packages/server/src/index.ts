/**
 * @tessera/server — the license server: HTTP API, storage (SQLite/PostgreSQL), signers,
 * issuance, revocation, audit and metrics.
 */
export { type AppOptions, buildApp } from './app.js'
export type { RateLimits, ServerContext } from './context.js'
export { DataDirExistsError, type InitOptions, type InitResult, initDataDir } from './init.js'
export { dataFiles, readRootJwk } from './keys/data-dir.js'
export { KEY_LIFETIME, keysetClaims, keysetEntry, signKeyset } from './keys/keyset-document.js'
export { ROTATION_OVERLAP, rotatedEntries } from './keys/keyset-rotation.js'
export { createServer, type ServerOptions, type TesseraServer } from './server.js'
export { DEMO_POLICY, type DemoSeed, seedDemo } from './services/demo-seed.js'
export * from './signer/index.js'
export * from './storage/index.js'
