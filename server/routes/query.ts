// Search routes: the universal `query` API and its batch, plus the older
// `search` API that many Qdrant clients still call. All run the same engine query.
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { QueryRequest } from '../../engine/requests.js';
import { NameParams, QueryBatchBody, QueryBody, ReadQuery, SearchBatchBody, SearchBody, type SearchBodyT } from '../schemas.js';
import { ok } from './envelope.js';

type Req<B> = { Params: { name: string }; Body: B };

function fromSearch(body: SearchBodyT): QueryRequest {
  const { vector, ...rest } = body;
  return { ...rest, query: vector };
}

export const queryRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  const schema = { params: NameParams, querystring: ReadQuery };

  app.post<Req<QueryRequest>>('/collections/:name/points/query', { schema: { ...schema, body: QueryBody } }, async (req) =>
    ok(req, { points: await engine.collection(req.params.name).query(req.body) }));

  // hqdb extension: runs the query and reports the plan, matching count, thresholds and timings.
  app.post<Req<QueryRequest>>('/collections/:name/points/query/explain', { schema: { ...schema, body: QueryBody } }, async (req) =>
    ok(req, await engine.collection(req.params.name).explain(req.body)));

  app.post<Req<{ searches: QueryRequest[] }>>('/collections/:name/points/query/batch', { schema: { ...schema, body: QueryBatchBody } }, async (req) => {
    const c = engine.collection(req.params.name);
    return ok(req, (await c.queryBatch(req.body.searches)).map((points) => ({ points })));
  });

  app.post<Req<SearchBodyT>>('/collections/:name/points/search', { schema: { ...schema, body: SearchBody } }, async (req) =>
    ok(req, await engine.collection(req.params.name).query(fromSearch(req.body))));

  app.post<Req<{ searches: SearchBodyT[] }>>('/collections/:name/points/search/batch', { schema: { ...schema, body: SearchBatchBody } }, async (req) => {
    const c = engine.collection(req.params.name);
    return ok(req, await c.queryBatch(req.body.searches.map(fromSearch)));
  });
};
