// Runs one unary call: refuses work for a call already cancelled or past its
// deadline, hands the handler a check it calls between units of long work
// (a query batch checks before every query), and turns every failure into a
// status through errors.ts.

import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Logger } from '../../core/logger.js';
import { CallEnded, mapGrpcError, toServiceError } from './errors.js';

/** Throws CallEnded when the client cancelled or the deadline passed. */
export type AliveCheck = () => void;

export type UnaryHandler<Req, Res> = (request: Req, alive: AliveCheck) => Res | Promise<Res>;

export function unary<Req, Res>(log: Logger, method: string, handler: UnaryHandler<Req, Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    const alive: AliveCheck = () => {
      if (call.cancelled) throw new CallEnded('CANCELLED', 'the call was cancelled');
      const deadline = call.getDeadline();
      const ms = deadline instanceof Date ? deadline.getTime() : deadline;
      if (Number.isFinite(ms) && Date.now() >= ms) throw new CallEnded('DEADLINE_EXCEEDED', 'the deadline passed before the work finished');
    };
    const run = async (): Promise<Res> => {
      alive();
      return handler(call.request, alive);
    };
    run().then(
      (reply) => callback(null, reply),
      (err: unknown) => {
        const failure = mapGrpcError(err);
        if (failure.hqdbCode === 'INTERNAL') log.error({ err, method }, 'grpc call failed');
        else log.debug({ method, code: failure.hqdbCode, msg: failure.message }, 'grpc call rejected');
        // A cancelled call has no one to answer; grpc-js drops the reply.
        callback(toServiceError(failure));
      },
    );
  };
}
