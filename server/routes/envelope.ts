// The success envelope shared by every route: {"result", "status": "ok", "time"}.
import type { FastifyRequest } from 'fastify';
import { elapsed, startedAt } from '../http-errors.js';

export function ok<T>(request: FastifyRequest, result: T): { result: T; status: 'ok'; time: number } {
  return { result, status: 'ok', time: elapsed(startedAt(request)) };
}

export function isWait(query: { wait?: string }): boolean {
  return query.wait !== 'false';
}
