import { type DemoSeed } from './services/demo-seed.js';
export interface InitOptions {
    dataDir: string;
    /** Default: the SQLite file in the data directory. */
    database?: string;
    /** Encrypts the key files. */
    passphrase?: string;
    /** Issuer name in tokens. Default "tessera". */
    issuer?: string;
    /** Also create the demo product, policy and a 3-seat license. */
    demo?: boolean;
    now?: () => number;
}
export interface InitResult {
    adminToken: string;
    rootKeyFile: string;
    encrypted: boolean;
    demo?: DemoSeed;
}
/** Refused when the directory exists and is not empty: init never overwrites keys. */
export declare class DataDirExistsError extends Error {
    readonly code = "DATA_DIR_EXISTS";
}
/**
 * Creates a data directory: the database, a root key and an online key (encrypted when a
 * passphrase is given), root.pub.jwk, key set version 1 and the first admin token (returned once).
 */
export declare function initDataDir(options: InitOptions): Promise<InitResult>;
//# sourceMappingURL=init.d.ts.map