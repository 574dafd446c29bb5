// Runs one unary, server-streaming or client-streaming call: refuses work for a
// call already cancelled, past its deadline or whose bytes did not decode; hands
// the handler a check to call between units of long work (a query batch checks
// before every query, a stream before every message); holds a streaming
// handler to the pace of its client (a write resolves when the client has room,
// a client stream is read only as fast as the handler takes it); and turns
// every failure into a status through errors.ts.

import { once } from 'node:events';
import type { sendUnaryData, ServerReadableStream, ServerUnaryCall, ServerWritableStream, ServiceDefinition, ServiceError } from '@grpc/grpc-js';
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

/** How long the end of a client stream is given to turn out to be a cancellation (see clientStream). */
const END_SETTLE_MS = 50;

/** Throws CallEnded when the client cancelled or the deadline passed. */
export type AliveCheck = () => void;

export type UnaryHandler<Req, Res> = (request: Req, alive: AliveCheck) => Res | Promise<Res>;

/** Sends one message; resolves once the stream can take another, so a slow reader holds the writer. Throws CallEnded once the call has ended. */
export type StreamWrite<Res> = (message: Res) => Promise<void>;

/** `ended` aborts when the client cancels, for handlers that wait on something other than their writes. */
export type StreamHandler<Req, Res> = (request: Req, write: StreamWrite<Res>, alive: AliveCheck, ended: AbortSignal) => Promise<void>;

/** `messages` yields the client's messages as the handler pulls them (throwing CallEnded if the client cancels). */
export type ClientStreamHandler<Req, Res> = (messages: AsyncIterable<Req>, alive: AliveCheck) => Promise<Res>;

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
    const ended = new AbortController();
    call.once('cancelled', () => ended.abort());
    const write: StreamWrite<Res> = async (message) => {
      alive();
      if (call.write(message)) return;
      // A cancelled call never drains: stop waiting when it ends, and say so.
      await once(call, 'drain', { signal: ended.signal }).catch(() => undefined);
      alive();
    };
    const run = async (): Promise<void> => {
      alive();
      await handler(decoded(call.request), write, alive, ended.signal);
    };
    // grpc-js turns an emitted error into the call's status and ends the stream.
    run().then(() => call.end(), (err: unknown) => call.emit('error', failed(log, method, err)));
  };
}

/** A client-streaming call: the handler pulls the client's messages and answers once. */
export function clientStream<Req, Res>(log: Logger, method: string, handler: ClientStreamHandler<Req, Res>) {
  return (call: ServerReadableStream<Req, Res>, callback: sendUnaryData<Res>): void => {
    const alive = aliveCheck(call);
    // grpc-js reads the next message from the client only when the stream is
    // read. Not destroyed at the end: its writable side belongs to grpc-js.
    async function* messages(): AsyncGenerator<Req> {
      try {
        for await (const message of call.iterator({ destroyOnReturn: false })) {
          alive();
          yield decoded(message as Req);
        }
      } catch (err) {
        alive(); // a cancelled call fails the read: report the cancellation, not the stream error
        throw err;
      }
      await settled(call);
      alive();
    }
    const run = async (): Promise<Res> => {
      alive();
      return handler(messages(), alive);
    };
    run().then((reply) => callback(null, reply), (err: unknown) => callback(failed(log, method, err)));
  };
}

/**
 * A grpc-js client cancels by ending its stream and then resetting it, so for
 * a few milliseconds a cancelled call looks complete: resolves when the reset
 * has had END_SETTLE_MS to arrive (or has arrived), before the end is taken
 * as the client's own.
 */
function settled(call: ServerReadableStream<unknown, unknown>): Promise<void> {
  if (call.cancelled) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      call.off('cancelled', done);
      resolve();
    };
    const timer = setTimeout(done, END_SETTLE_MS);
    call.on('cancelled', done);
  });
}
