// Original file: proto/hqdb/v1/points.proto

import type { RetrievedPoint as _hqdb_v1_RetrievedPoint, RetrievedPoint__Output as _hqdb_v1_RetrievedPoint__Output } from '../../hqdb/v1/RetrievedPoint.js';
import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';

export interface ScrollPointsResponse {
  /**
   * The page, in id order (integers before UUIDs).
   */
  'points'?: (_hqdb_v1_RetrievedPoint)[];
  /**
   * The offset of the next page; unset on the last page.
   */
  'next_page_offset'?: (_hqdb_v1_PointId | null);
}

export interface ScrollPointsResponse__Output {
  /**
   * The page, in id order (integers before UUIDs).
   */
  'points'?: (_hqdb_v1_RetrievedPoint__Output)[];
  /**
   * The offset of the next page; unset on the last page.
   */
  'next_page_offset'?: (_hqdb_v1_PointId__Output);
}
