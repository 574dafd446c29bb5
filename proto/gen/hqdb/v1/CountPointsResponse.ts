// Original file: proto/hqdb/v1/points.proto

import type { Long } from '@grpc/proto-loader';

export interface CountPointsResponse {
  /**
   * The number of matching points.
   */
  'count'?: (number | string | Long);
}

export interface CountPointsResponse__Output {
  /**
   * The number of matching points.
   */
  'count'?: (string);
}
