// Original file: proto/hqdb/v1/workloads.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The client's name for a query, echoed on its result line: a string or an
 * unsigned integer. A result line of a query without one carries its line
 * number (0-based) as `num`.
 */
export interface WorkloadQueryId {
  'num'?: (number | string | Long);
  'text'?: (string);
  'kind'?: "num"|"text";
}

/**
 * The client's name for a query, echoed on its result line: a string or an
 * unsigned integer. A result line of a query without one carries its line
 * number (0-based) as `num`.
 */
export interface WorkloadQueryId__Output {
  'num'?: (string);
  'text'?: (string);
  'kind'?: "num"|"text";
}
