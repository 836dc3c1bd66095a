import { type OkpPublicJwk } from '@tessera/core';
/** Files of a data directory, by role. One place, so init, serve and the CLI agree. */
export declare const dataFiles: (dir: string) => {
    database: string;
    rootPublicKey: string;
    rootPrivateKey: string;
    keysDir: string;
    onlineKey: (kid: string) => string;
};
export declare function readRootJwk(dir: string): Promise<OkpPublicJwk>;
//# sourceMappingURL=data-dir.d.ts.map