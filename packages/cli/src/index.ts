/** @tessera/cli — the `tessera` command. */
export { main } from './bin.js'
export { EXIT } from './exit-codes.js'
