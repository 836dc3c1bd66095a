import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sendProblem } from './error-handler.js';
import { HttpProblem } from './problem.js';
export const DEFAULT_LOAD_SHEDDING = {
    maxInFlight: 512,
    maxEventLoopDelayMs: 500,
    retryAfterSeconds: 2,
    sampleIntervalMs: 250,
    exempt: ['/healthz', '/readyz', '/metrics'],
};
/** Registers the hooks on the root instance (not encapsulated): call before the routes. */
export function installLoadShedding(app, options = {}) {
    if (options === false)
        return;
    const o = { ...DEFAULT_LOAD_SHEDDING, ...options };
    const exempt = new Set(o.exempt);
    let inFlight = 0;
    let loopDelayMs = 0;
    const admitted = new WeakSet();
    let histogram = null;
    let timer = null;
    if (o.maxEventLoopDelayMs > 0) {
        histogram = monitorEventLoopDelay({ resolution: 10 });
        histogram.enable();
        timer = setInterval(() => {
            const h = histogram;
            loopDelayMs = h.count > 0 ? h.percentile(99) / 1e6 : 0;
            h.reset();
        }, o.sampleIntervalMs);
        timer.unref();
    }
    app.addHook('onClose', async () => {
        if (timer)
            clearInterval(timer);
        histogram?.disable();
    });
    app.addHook('onRequest', (request, reply, done) => {
        if (exempt.has(request.url.split('?')[0]))
            return done();
        const overInFlight = o.maxInFlight > 0 && inFlight >= o.maxInFlight;
        const overLoop = o.maxEventLoopDelayMs > 0 && loopDelayMs > o.maxEventLoopDelayMs;
        if (overInFlight || overLoop) {
            sendProblem(reply, request, new HttpProblem('OVERLOADED', 'the server is over capacity; retry later', {
                retryAfter: o.retryAfterSeconds,
            }));
            return;
        }
        inFlight++;
        admitted.add(request);
        done();
    });
    const release = (request) => {
        if (admitted.delete(request))
            inFlight--;
    };
    app.addHook('onResponse', (request, _reply, done) => {
        release(request);
        done();
    });
    app.addHook('onRequestAbort', (request, done) => {
        release(request);
        done();
    });
}
//# sourceMappingURL=load-shedding.js.map