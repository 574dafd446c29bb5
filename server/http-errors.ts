// The one place errors become HTTP responses: Qdrant's error envelope
// {"status": {"error": message}, "time": s} plus hqdb's stable `code`.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, HqdbError, type ErrorCode } from '../core/errors.js';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

export function mapError(err: unknown): Mapped {
  if (err instanceof HqdbError) return { status: err.httpStatus, code: err.code, message: err.message };
  const fe = err as Partial<FastifyError> & { validation?: unknown };
  if (fe.validation) {
    return { status: ERRORS.SCHEMA_VIOLATION.http, code: 'SCHEMA_VIOLATION', message: `Format error in JSON body: ${fe.message ?? 'invalid request'}` };
  }
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { status: ERRORS[known].http, code: known, message: fe.message ?? known };
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: 'BAD_REQUEST', message: fe.message ?? 'bad request' };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error; see the server log' };
}

export function errorBody(code: ErrorCode, message: string, startedMs: number): { status: { error: string; code: ErrorCode }; time: number } {
  return { status: { error: message, code }, time: elapsed(startedMs) };
}

export function elapsed(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const mapped = mapError(err);
  if (mapped.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.debug({ code: mapped.code, msg: mapped.message }, 'request rejected');
  return reply.code(mapped.status).send(errorBody(mapped.code, mapped.message, startedAt(request)));
}

const STARTED = Symbol('hqdb.started');

export function markStarted(request: FastifyRequest): void {
  (request as unknown as Record<symbol, number>)[STARTED] = performance.now();
}

export function startedAt(request: FastifyRequest): number {
  return (request as unknown as Record<symbol, number>)[STARTED] ?? performance.now();
}
