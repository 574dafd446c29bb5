// The one place errors become gRPC statuses: the status code from the table in
// core/errors.ts, the message as the status details, and the stable hqdb code
// and message in the trailing metadata (`hqdb-code`, `hqdb-message`) so clients
// can branch on the code as REST clients do on `status.code`.

import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ERRORS, HqdbError, type ErrorCode } from '../../core/errors.js';

export const CODE_KEY = 'hqdb-code';
export const MESSAGE_KEY = 'hqdb-message';

export interface GrpcFailure {
  code: status;
  hqdbCode: ErrorCode | CallEnded['status'];
  message: string;
}

/** The call ended (cancelled by the client, or past its deadline) before its work was done. */
export class CallEnded extends Error {
  constructor(readonly status: 'CANCELLED' | 'DEADLINE_EXCEEDED', message: string) {
    super(message);
  }
}

export function mapGrpcError(err: unknown): GrpcFailure {
  if (err instanceof CallEnded) return { code: status[err.status], hqdbCode: err.status, message: err.message };
  if (err instanceof HqdbError) return { code: status[ERRORS[err.code].grpc], hqdbCode: err.code, message: err.message };
  return { code: status.INTERNAL, hqdbCode: 'INTERNAL', message: 'internal error; see the server log' };
}

export function toServiceError(failure: GrpcFailure): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(CODE_KEY, failure.hqdbCode);
  // Metadata values must be printable ASCII; the full text is in the status details.
  metadata.set(MESSAGE_KEY, failure.message.replace(/[^ -~]/g, '?'));
  return { code: failure.code, details: failure.message, metadata };
}
