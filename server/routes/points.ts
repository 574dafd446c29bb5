// Point routes: upsert, retrieve, delete, payload operations, scroll, count.
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type {
  CountRequest, DeletePayloadRequest, PointsSelectorRequest, RetrieveRequest, ScrollRequest, SetPayloadRequest, UpsertRequest,
} from '../../engine/requests.js';
import {
  CountBody, DeletePayloadBody, NameParams, PointParams, PointsSelectorBody, ReadQuery, RetrieveBody, ScrollBody, SetPayloadBody, UpsertBody, WriteQuery,
} from '../schemas.js';
import { isWait, ok } from './envelope.js';

type Write<B> = { Params: { name: string }; Querystring: { wait?: string }; Body: B };
type Read<B> = { Params: { name: string }; Body: B | undefined };

export const pointRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  const write = { params: NameParams, querystring: WriteQuery };
  const read = { params: NameParams, querystring: ReadQuery };

  app.put<Write<UpsertRequest>>('/collections/:name/points', { schema: { ...write, body: UpsertBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).upsert(req.body, isWait(req.query))));

  app.post<Read<RetrieveRequest>>('/collections/:name/points', { schema: { ...read, body: RetrieveBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).retrieve(req.body ?? { ids: [] })));

  app.get<{ Params: { name: string; id: string } }>('/collections/:name/points/:id', { schema: { params: PointParams, querystring: ReadQuery } }, async (req) => {
    // A numeric path segment is an unsigned integer id (exact beyond 2^53); anything else a UUID.
    const raw = /^\d{1,30}$/.test(req.params.id) ? BigInt(req.params.id) : req.params.id;
    return ok(req, engine.collection(req.params.name).getPoint(raw));
  });

  app.post<Write<PointsSelectorRequest>>('/collections/:name/points/delete', { schema: { ...write, body: PointsSelectorBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).deletePoints(req.body, isWait(req.query))));

  app.post<Write<SetPayloadRequest>>('/collections/:name/points/payload', { schema: { ...write, body: SetPayloadBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).setPayload(req.body, false, isWait(req.query))));

  app.put<Write<SetPayloadRequest>>('/collections/:name/points/payload', { schema: { ...write, body: SetPayloadBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).setPayload(req.body, true, isWait(req.query))));

  app.post<Write<DeletePayloadRequest>>('/collections/:name/points/payload/delete', { schema: { ...write, body: DeletePayloadBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).deletePayload(req.body, isWait(req.query))));

  app.post<Write<PointsSelectorRequest>>('/collections/:name/points/payload/clear', { schema: { ...write, body: PointsSelectorBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).clearPayload(req.body, isWait(req.query))));

  app.post<Read<ScrollRequest>>('/collections/:name/points/scroll', { schema: { ...read, body: ScrollBody } }, async (req) =>
    ok(req, engine.collection(req.params.name).scroll(req.body ?? {})));

  app.post<Read<CountRequest>>('/collections/:name/points/count', { schema: { ...read, body: CountBody } }, async (req) =>
    ok(req, { count: engine.collection(req.params.name).count(req.body ?? {}) }));
};
