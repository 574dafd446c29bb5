// Runs one unary or server-streaming call: refuses work for a call already
// cancelled, past its deadline or whose bytes did not decode; hands the handler
// a check to call between units of long work (a query batch checks before every
// query, a stream before every message); and turns every failure into a status
// through errors.ts.

import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, ServiceDefinition, ServiceError } from '@grpc/grpc-js';
import { HqdbError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { CallEnded, mapGrpcError, toServiceError } from './errors.js';

/**
 * Stands in for a request whose bytes are not a valid message: grpc-js would
 * answer INTERNAL (a server bug) for them, but it is the client's error.
 */
export class Undecodable {
  constructor(readonly method: string, readonly reason: string) {}
}

/** Wraps every method's request decoder so undecodable bytes reach the handler as Undecodable. */
export function decodingSafely(service: ServiceDefinition): ServiceDefinition {
  return Object.fromEntries(Object.entries(service).map(([name, method]) => [name, {
    ...method,
    requestDeserialize: (bytes: Buffer): unknown => {
      try {
        return method.requestDeserialize(bytes);
      } catch (err) {
        return new Undecodable(method.path, (err as Error).message);
      }
    },
  }]));
}

/** Throws CallEnded when the client cancelled or the deadline passed. */
export type AliveCheck = () => void;

export type UnaryHandler<Req, Res> = (request: Req, alive: AliveCheck) => Res | Promise<Res>;

export type StreamHandler<Req, Res> = (request: Req, write: (message: Res) => void, alive: AliveCheck) => Promise<void>;

function aliveCheck(call: Pick<ServerUnaryCall<unknown, unknown>, 'cancelled' | 'getDeadline'>): AliveCheck {
  return () => {
    if (call.cancelled) throw new CallEnded('CANCELLED', 'the call was cancelled');
    const deadline = call.getDeadline();
    const ms = deadline instanceof Date ? deadline.getTime() : deadline;
    if (Number.isFinite(ms) && Date.now() >= ms) throw new CallEnded('DEADLINE_EXCEEDED', 'the deadline passed before the work finished');
  };
}

/** The decoded request, or BAD_REQUEST when its bytes were not a valid message. */
function decoded<Req>(request: Req): Req {
  const r: unknown = request;
  if (r instanceof Undecodable) throw new HqdbError('BAD_REQUEST', `the request is not a valid message for ${r.method}: ${r.reason}`);
  return request;
}

function failed(log: Logger, method: string, err: unknown): Partial<ServiceError> {
  const failure = mapGrpcError(err);
  if (failure.hqdbCode === 'INTERNAL') log.error({ err, method }, 'grpc call failed');
  else log.debug({ method, code: failure.hqdbCode, msg: failure.message }, 'grpc call rejected');
  return toServiceError(failure);
}

export function unary<Req, Res>(log: Logger, method: string, handler: UnaryHandler<Req, Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    const alive = aliveCheck(call);
    const run = async (): Promise<Res> => {
      alive();
      return handler(decoded(call.request), alive);
    };
    // A cancelled call has no one to answer; grpc-js drops the reply.
    run().then((reply) => callback(null, reply), (err: unknown) => callback(failed(log, method, err)));
  };
}

/** A server-streaming call: the handler writes messages; the stream ends when it returns, or with the status of its failure. */
export function serverStream<Req, Res>(log: Logger, method: string, handler: StreamHandler<Req, Res>) {
  return (call: ServerWritableStream<Req, Res>): void => {
    const alive = aliveCheck(call);
    const run = async (): Promise<void> => {
      alive();
      await handler(decoded(call.request), (message) => call.write(message), alive);
    };
    // grpc-js turns an emitted error into the call's status and ends the stream.
    run().then(() => call.end(), (err: unknown) => call.emit('error', failed(log, method, err)));
  };
}
