/**
 * Runs async tasks one at a time in call order. A PKCS#11 session carries one active operation, so
 * concurrent sign() calls on a signer must not interleave C_SignInit/C_Sign.
 */
export declare class SerialQueue {
    #private;
    run<T>(task: () => Promise<T>): Promise<T>;
    /** Resolves once every task queued so far has settled. */
    drain(): Promise<void>;
}
//# sourceMappingURL=serial-queue.d.ts.map