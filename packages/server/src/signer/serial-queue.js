/**
 * Runs async tasks one at a time in call order. A PKCS#11 session carries one active operation, so
 * concurrent sign() calls on a signer must not interleave C_SignInit/C_Sign.
 */
export class SerialQueue {
    #tail = Promise.resolve();
    run(task) {
        const result = this.#tail.then(task);
        // The chain continues whatever the outcome; callers see their own result or error.
        this.#tail = result.catch(() => undefined);
        return result;
    }
    /** Resolves once every task queued so far has settled. */
    async drain() {
        await this.#tail;
    }
}
//# sourceMappingURL=serial-queue.js.map