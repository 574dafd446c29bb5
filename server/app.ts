// buildApp: the Fastify instance with every REST route, the JSON edge
// (lossless ids, bounded depth), schema validation (no coercion of bodies,
// unknown fields rejected) and the error envelope. It does not listen: main does.

import { Ajv } from 'ajv';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Engine } from '../engine/engine.js';
import { markStarted, sendError, errorBody, startedAt } from './http-errors.js';
import { parseJsonBody, stringifyJson } from '../core/json.js';
import { collectionRoutes } from './routes/collections.js';
import { layoutRoutes } from './routes/layout.js';
import { pointRoutes } from './routes/points.js';
import { queryRoutes } from './routes/query.js';
import { serviceRoutes } from './routes/service.js';
import { workloadRoutes } from './routes/workloads.js';

export interface AppDeps {
  engine: Engine;
  config: Config;
  logger: Logger;
}

export interface AppState {
  /** Set when shutdown begins: readiness fails and new writes are refused by the engine. */
  closing: boolean;
}

export function buildApp({ engine, config, logger }: AppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: Math.floor(config.service.max_request_size_mb * 1024 * 1024),
    // One access-log line per request is written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    // Collection names may be 255 characters (UTF-8 percent-encoded: up to 3 bytes each).
    routerOptions: { maxParamLength: 2048 },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: {} },
  });

  // Bodies are validated strictly (no type coercion, unknown fields rejected);
  // query strings and path params are strings and only checked.
  const bodyAjv = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false });
  const textAjv = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv.compile(schema) : textAjv.compile(schema)));
  app.setSchemaErrorFormatter((errors, dataVar) => {
    const e = errors[0];
    const path = `${dataVar}${e?.instancePath ?? ''}`;
    const detail = e?.keyword === 'additionalProperties'
      ? `unknown field "${String((e.params as { additionalProperty?: string }).additionalProperty)}"`
      : e?.message ?? 'is invalid';
    return new Error(`${path} ${detail}`);
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.setReplySerializer((payload) => stringifyJson(payload));

  app.addHook('onRequest', async (request) => {
    markStarted(request);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });
  app.setErrorHandler((err, request, reply) => sendError(request, reply, err));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, startedAt(request))),
  );

  const state: AppState = { closing: false };
  app.decorate('hqdbState', state);
  app.register(serviceRoutes, { engine, state });
  app.register(collectionRoutes, { engine });
  app.register(pointRoutes, { engine });
  app.register(queryRoutes, { engine });
  app.register(layoutRoutes, { engine });
  app.register(workloadRoutes, { engine, config });
  return app;
}
