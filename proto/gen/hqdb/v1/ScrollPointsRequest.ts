// Original file: proto/hqdb/v1/points.proto

import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from '../../hqdb/v1/Filter.js';
import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';
import type { WithPayloadSelector as _hqdb_v1_WithPayloadSelector, WithPayloadSelector__Output as _hqdb_v1_WithPayloadSelector__Output } from '../../hqdb/v1/WithPayloadSelector.js';

export interface ScrollPointsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Only points the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter | null);
  /**
   * Start at this id (inclusive); unset starts at the first point.
   */
  'offset'?: (_hqdb_v1_PointId | null);
  /**
   * Page size (default 10).
   */
  'limit'?: (number);
  /**
   * Payload keys to return (default: all).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector | null);
  /**
   * Return vectors (default false).
   */
  'with_vector'?: (boolean);
  '_limit'?: "limit";
  '_with_vector'?: "with_vector";
}

export interface ScrollPointsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Only points the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter__Output);
  /**
   * Start at this id (inclusive); unset starts at the first point.
   */
  'offset'?: (_hqdb_v1_PointId__Output);
  /**
   * Page size (default 10).
   */
  'limit'?: (number);
  /**
   * Payload keys to return (default: all).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector__Output);
  /**
   * Return vectors (default false).
   */
  'with_vector'?: (boolean);
  '_limit'?: "limit";
  '_with_vector'?: "with_vector";
}
