// Every error hqdb reports to a user: one row per stable code, with the HTTP
// status REST maps it to and the gRPC status code the gRPC front end maps it to.
// Transports translate HqdbError in exactly one place each; tests assert `code`.

export const ERRORS = {
  BAD_REQUEST: { http: 400, grpc: 'INVALID_ARGUMENT' },
  MALFORMED_JSON: { http: 400, grpc: 'INVALID_ARGUMENT' },
  SCHEMA_VIOLATION: { http: 422, grpc: 'INVALID_ARGUMENT' },
  WRONG_DIMENSION: { http: 400, grpc: 'INVALID_ARGUMENT' },
  INVALID_VECTOR: { http: 400, grpc: 'INVALID_ARGUMENT' },
  INVALID_POINT_ID: { http: 400, grpc: 'INVALID_ARGUMENT' },
  INVALID_COLLECTION_NAME: { http: 400, grpc: 'INVALID_ARGUMENT' },
  INVALID_CONFIG: { http: 400, grpc: 'INVALID_ARGUMENT' },
  INVALID_LIMIT: { http: 400, grpc: 'INVALID_ARGUMENT' },
  INVALID_PAYLOAD: { http: 400, grpc: 'INVALID_ARGUMENT' },
  EMPTY_BATCH: { http: 400, grpc: 'INVALID_ARGUMENT' },
  UNSUPPORTED: { http: 400, grpc: 'UNIMPLEMENTED' },
  INVALID_FILTER: { http: 400, grpc: 'INVALID_ARGUMENT' },
  COLLECTION_NOT_FOUND: { http: 404, grpc: 'NOT_FOUND' },
  POINT_NOT_FOUND: { http: 404, grpc: 'NOT_FOUND' },
  ROUTE_NOT_FOUND: { http: 404, grpc: 'UNIMPLEMENTED' },
  METHOD_NOT_ALLOWED: { http: 405, grpc: 'UNIMPLEMENTED' },
  COLLECTION_EXISTS: { http: 409, grpc: 'ALREADY_EXISTS' },
  LAYOUT_BUILDING: { http: 409, grpc: 'FAILED_PRECONDITION' },
  WORKLOAD_NOT_FOUND: { http: 404, grpc: 'NOT_FOUND' },
  PAYLOAD_TOO_LARGE: { http: 413, grpc: 'RESOURCE_EXHAUSTED' },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, grpc: 'INVALID_ARGUMENT' },
  SHUTTING_DOWN: { http: 503, grpc: 'UNAVAILABLE' },
  INDEX_UNAVAILABLE: { http: 503, grpc: 'UNAVAILABLE' },
  STORAGE_ERROR: { http: 500, grpc: 'INTERNAL' },
  MIGRATION_CHANGED: { http: 500, grpc: 'INTERNAL' },
  INTERNAL: { http: 500, grpc: 'INTERNAL' },
} as const satisfies Record<string, { http: number; grpc: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class HqdbError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HqdbError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERRORS[this.code].http;
  }
}

export function isHqdbError(err: unknown): err is HqdbError {
  return err instanceof HqdbError;
}

/** Throws BAD_REQUEST-family errors tersely at validation sites. */
export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new HqdbError(code, message, details);
}
