// Service routes: the root (title and version, which Qdrant clients check) and
// the health endpoints used by docker-compose and orchestrators.
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../core/paths.js';
import type { Engine } from '../../engine/engine.js';
import type { AppState } from '../app.js';

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

/** The Qdrant REST API version hqdb is wire-compatible with (clients compare major.minor). */
export const QDRANT_API_VERSION = '1.18.0';

export const serviceRoutes: FastifyPluginAsync<{ engine: Engine; state: AppState }> = async (app, { engine, state }) => {
  app.get('/', async () => ({ title: 'hqdb - hybrid query vector database', version: QDRANT_API_VERSION, hqdb_version: pkg.version }));
  app.get('/livez', async () => 'healthz check passed');
  app.get('/healthz', async () => 'healthz check passed');
  app.get('/readyz', async (_req, reply) => {
    if (state.closing) return reply.code(503).send('shutting down');
    return { status: 'ready', collections: engine.list().length, indexing_backlog: engine.backlog() };
  });
};
