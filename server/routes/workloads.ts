// Workload job routes (hqdb extension, docs/architecture.md, "Workload jobs"): submit a batch of
// queries as JSON or as a streamed NDJSON body, watch the job, read its
// results as JSON pages or as an NDJSON stream, cancel it. The engine
// (engine/workloads.ts) does the work; this file only translates.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.js';
import { fail } from '../../core/errors.js';
import type { Engine } from '../../engine/engine.js';
import type { WorkloadOptionsRequest } from '../../engine/workloads.js';
import { ndjsonLines } from '../ndjson.js';
import { NameParams, WorkloadParams, WorkloadResultsQuery, WorkloadSubmitQuery, type WorkloadResultsQueryT, type WorkloadSubmitQueryT } from '../schemas.js';
import { isWait, ok } from './envelope.js';

type Name = { Params: { name: string } };
type Job = { Params: { name: string; id: string } };

const NDJSON = 'application/x-ndjson';
const MB = 1024 * 1024;
const OPTION_KEYS = ['layout', 'limit', 'with_payload'] as const;

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** A query-string number stays a string when it is not one, so the engine names what was sent. */
function numberOrRaw(text: string | undefined): unknown {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : text;
}

function optionsFromQuery(q: WorkloadSubmitQueryT): WorkloadOptionsRequest {
  const withPayload = q.with_payload === 'true' || q.with_payload === '' ? true : q.with_payload === 'false' ? false : q.with_payload;
  return { layout: q.layout, limit: numberOrRaw(q.limit), with_payload: withPayload };
}

/** `{"queries": [...], ...options}`; an option may come from the body or the query string, not both. */
function fromJsonBody(body: unknown, fromQuery: WorkloadOptionsRequest): { queries: unknown[]; options: WorkloadOptionsRequest } {
  if (body === undefined) fail('BAD_REQUEST', `send {"queries": [...]} as JSON, or one query per line with Content-Type: ${NDJSON}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail('SCHEMA_VIOLATION', 'Format error in JSON body: body must be an object {"queries": [...]}');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => k !== 'queries' && !(OPTION_KEYS as readonly string[]).includes(k));
  if (unknown !== undefined) fail('SCHEMA_VIOLATION', `Format error in JSON body: body unknown field "${unknown}"`);
  if (!Array.isArray(b.queries)) fail('SCHEMA_VIOLATION', 'Format error in JSON body: body/queries must be an array of query bodies');
  const options: WorkloadOptionsRequest = { ...fromQuery };
  for (const key of OPTION_KEYS) {
    if (b[key] === undefined) continue;
    if (fromQuery[key] !== undefined) fail('BAD_REQUEST', `"${key}" is given both in the body and in the query string`);
    options[key] = b[key];
  }
  return { queries: b.queries, options };
}

function acceptsNdjson(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').split(',').some((t) => mediaType(t) === NDJSON);
}

/** Aborts when the response is closed (sent, or the client went away) or the server begins to close. */
function requestSignal(reply: FastifyReply, closing: AbortSignal): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  return AbortSignal.any([gone.signal, closing]);
}

async function* ndjsonText(pages: AsyncIterable<string[]>): AsyncGenerator<string> {
  for await (const page of pages) yield `${page.join('\n')}\n`;
}

export const workloadRoutes: FastifyPluginAsync<{ engine: Engine; config: Config }> = async (app, { engine, config }) => {
  const { workloads } = engine;
  // An NDJSON body reaches the handler as the request stream itself: it is
  // read line by line while the job is stored, never buffered whole, and is
  // bounded by workloads.max_body_mb instead of the JSON body limit.
  app.addContentTypeParser(NDJSON, (_req, payload, done) => done(null, payload));
  const limits = { maxBytes: Math.floor(config.workloads.max_body_mb * MB), maxLineChars: Math.floor(config.service.max_request_size_mb * MB) };
  // Requests that wait for a job (?wait=true) end when the server begins to close,
  // or closing would wait for jobs that only the closing engine can stop.
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());

  app.post<Name & { Querystring: WorkloadSubmitQueryT }>(
    '/collections/:name/workloads',
    { schema: { params: NameParams, querystring: WorkloadSubmitQuery } },
    async (req, reply) => {
      const fromQuery = optionsFromQuery(req.query);
      let submitted;
      if (mediaType(req.headers['content-type']) === NDJSON) {
        const stream = req.body as IncomingMessage;
        try {
          if (Number(req.headers['content-length']) > limits.maxBytes) {
            fail('PAYLOAD_TOO_LARGE', `the workload body is larger than ${config.workloads.max_body_mb} MB (workloads.max_body_mb)`);
          }
          submitted = await workloads.submit(req.params.name, fromQuery, ndjsonLines(stream, limits), 'ndjson');
        } catch (err) {
          // The client may still be sending: do not read the rest of a refused body.
          if (!stream.readableEnded) reply.header('connection', 'close');
          throw err;
        }
      } else {
        const { queries, options } = fromJsonBody(req.body, fromQuery);
        submitted = await workloads.submit(req.params.name, options, queries);
      }
      reply.code(202);
      return ok(req, submitted);
    },
  );

  app.get<Name>('/collections/:name/workloads', { schema: { params: NameParams } }, async (req) =>
    ok(req, { workloads: workloads.list(req.params.name) }));

  app.get<Job>('/collections/:name/workloads/:id', { schema: { params: WorkloadParams } }, async (req) =>
    ok(req, workloads.get(req.params.name, req.params.id)));

  // JSON: one page (`?offset&limit`, default 0 and 100). With `Accept:
  // application/x-ndjson`: every result line from `offset` on, streamed in
  // input order as the reader takes them. Both give what is answered so far;
  // `?wait=true` waits for the job to end first (JSON) or follows it to its end (NDJSON).
  app.get<Job & { Querystring: WorkloadResultsQueryT }>(
    '/collections/:name/workloads/:id/results',
    { schema: { params: WorkloadParams, querystring: WorkloadResultsQuery } },
    async (req, reply) => {
      const { name, id } = req.params;
      const wait = req.query.wait !== undefined && isWait(req.query);
      const offset = numberOrRaw(req.query.offset);
      const limit = numberOrRaw(req.query.limit);
      const signal = requestSignal(reply, closing.signal);
      if (acceptsNdjson(req)) {
        const pages = workloads.resultLines(name, id, { offset, limit, follow: wait, signal });
        reply.type(NDJSON);
        return reply.send(Readable.from(ndjsonText(pages)));
      }
      if (wait) await workloads.waitFor(name, id, signal);
      return ok(req, workloads.results(name, id, offset, limit));
    },
  );

  app.delete<Job>('/collections/:name/workloads/:id', { schema: { params: WorkloadParams } }, async (req) =>
    ok(req, workloads.delete(req.params.name, req.params.id)));
};
