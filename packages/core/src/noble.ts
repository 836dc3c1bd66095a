/**
 * @tessera/core/noble — the pure-JavaScript CryptoProvider, for browsers and other hosts without
 * node:crypto. A separate entry point so Node apps, which use @tessera/crypto-node, never load it.
 */
export { nobleCrypto } from './crypto/noble-provider.js'
