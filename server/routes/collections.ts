// Collection routes: create, list, info, exists, delete.
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { CreateCollectionRequest } from '../../engine/requests.js';
import { CreateCollectionBody, CreateIndexBody, FieldParams, NameParams, WriteQuery } from '../schemas.js';
import { isWait, ok } from './envelope.js';

type Name = { Params: { name: string } };

export const collectionRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get('/collections', async (req) => ok(req, { collections: engine.list().map((name) => ({ name })) }));

  app.put<Name>('/collections/:name', { schema: { params: NameParams, querystring: WriteQuery, body: CreateCollectionBody } }, async (req) => {
    await engine.createCollection(req.params.name, req.body as CreateCollectionRequest);
    return ok(req, true);
  });

  app.get<Name>('/collections/:name', { schema: { params: NameParams } }, async (req) => ok(req, engine.collection(req.params.name).info()));

  app.get<Name>('/collections/:name/exists', { schema: { params: NameParams } }, async (req) => ok(req, { exists: engine.exists(req.params.name) }));

  app.delete<Name>('/collections/:name', { schema: { params: NameParams, querystring: WriteQuery } }, async (req) => ok(req, await engine.deleteCollection(req.params.name)));

  app.put<Name & { Querystring: { wait?: string }; Body: { field_name: string; field_schema: unknown } }>(
    '/collections/:name/index',
    { schema: { params: NameParams, querystring: WriteQuery, body: CreateIndexBody } },
    async (req) => ok(req, engine.collection(req.params.name).createFieldIndex(req.body.field_name, req.body.field_schema, isWait(req.query))),
  );

  app.delete<{ Params: { name: string; field: string }; Querystring: { wait?: string } }>(
    '/collections/:name/index/:field',
    { schema: { params: FieldParams, querystring: WriteQuery } },
    async (req) => ok(req, engine.collection(req.params.name).deleteFieldIndex(req.params.field, isWait(req.query))),
  );
};
