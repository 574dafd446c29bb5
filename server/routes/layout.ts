// Layout routes (hqdb extension): start a workload-aware layout build of a
// collection (docs/architecture.md, "Workload-aware layout") and report the layout serving queries.
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { LayoutBuildRequest } from '../../engine/layout/types.js';
import { LayoutBuildBody, LayoutBuildQuery, NameParams } from '../schemas.js';
import { isWait, ok } from './envelope.js';

type Name = { Params: { name: string } };

export const layoutRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  // 202 with the build id: the build runs in the background. With ?wait=true the
  // answer comes when the build has ended, and is the layout it left (ready or failed).
  app.post<Name & { Querystring: { wait?: string }; Body: LayoutBuildRequest }>(
    '/collections/:name/layout',
    {
      schema: { params: NameParams, querystring: LayoutBuildQuery, body: LayoutBuildBody },
      // No body at all means every default: learn from the query log.
      preValidation: async (req) => {
        if (req.body === undefined) req.body = {};
      },
    },
    async (req, reply) => {
      const collection = engine.collection(req.params.name);
      const started = collection.startLayoutBuild(req.body);
      // Unlike writes, a build is not waited for unless asked: it may take minutes.
      if (req.query.wait === undefined || !isWait(req.query)) {
        reply.code(202);
        return ok(req, started);
      }
      await collection.waitLayoutBuild();
      return ok(req, collection.layoutView());
    },
  );

  app.get<Name>('/collections/:name/layout', { schema: { params: NameParams } }, async (req) => ok(req, engine.collection(req.params.name).layoutView()));
};
