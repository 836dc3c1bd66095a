import type { FastifyInstance } from 'fastify';
/**
 * Where `npm run build -w @tessera/web` writes the dashboard. Resolved from this file, which sits
 * two levels under packages/server both as source (src/routes) and compiled (dist/routes); the
 * server reads the built files and never imports web source.
 */
export declare const DEFAULT_DASHBOARD_DIR: string;
/**
 * Serves the operator dashboard at /dashboard (index.html) and its assets at /dashboard/<file>.
 * When the web package has not been built, answers a problem+json NOT_FOUND that says how to build it.
 */
export declare function dashboardRoutes(dir?: string): (app: FastifyInstance) => Promise<void>;
//# sourceMappingURL=dashboard-routes.d.ts.map