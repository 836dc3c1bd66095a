import { Type } from 'typebox';
import { problems } from '../http/schemas.js';
/** Liveness, readiness, metrics and the OpenAPI document. */
export function opsRoutes(ctx) {
    return async (app) => {
        app.get('/healthz', { schema: { tags: ['ops'], response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));
        app.get('/readyz', { schema: { tags: ['ops'], response: { 200: Type.Object({ ok: Type.Boolean() }), ...problems(503) } } }, async () => {
            await ctx.storage.getSetting('keyring');
            return { ok: true };
        });
        app.get('/metrics', { schema: { tags: ['ops'], hide: true } }, async (_request, reply) => {
            reply.type(ctx.metrics.registry.contentType);
            return ctx.metrics.registry.metrics();
        });
        app.get('/openapi.json', { schema: { tags: ['ops'], hide: true } }, async () => app.swagger());
    };
}
//# sourceMappingURL=ops-routes.js.map