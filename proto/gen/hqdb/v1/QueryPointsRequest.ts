// Original file: proto/hqdb/v1/points.proto

import type { QueryTarget as _hqdb_v1_QueryTarget, QueryTarget__Output as _hqdb_v1_QueryTarget__Output } from '../../hqdb/v1/QueryTarget.js';
import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from '../../hqdb/v1/Filter.js';
import type { SearchParams as _hqdb_v1_SearchParams, SearchParams__Output as _hqdb_v1_SearchParams__Output } from '../../hqdb/v1/SearchParams.js';
import type { WithPayloadSelector as _hqdb_v1_WithPayloadSelector, WithPayloadSelector__Output as _hqdb_v1_WithPayloadSelector__Output } from '../../hqdb/v1/WithPayloadSelector.js';

export interface QueryPointsRequest {
  /**
   * The collection name (in QueryBatch: empty, or the batch's collection).
   */
  'collection_name'?: (string);
  /**
   * What to search near (required).
   */
  'query'?: (_hqdb_v1_QueryTarget | null);
  /**
   * Only points the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter | null);
  /**
   * Search parameters.
   */
  'params'?: (_hqdb_v1_SearchParams | null);
  /**
   * How many results (default 10).
   */
  'limit'?: (number);
  /**
   * Skip this many best results first (default 0).
   */
  'offset'?: (number);
  /**
   * Payload keys to return (default: none).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector | null);
  /**
   * Return vectors (default false).
   */
  'with_vector'?: (boolean);
  /**
   * Drop results scoring worse than this.
   */
  'score_threshold'?: (number | string);
  '_limit'?: "limit";
  '_offset'?: "offset";
  '_with_vector'?: "with_vector";
  '_score_threshold'?: "score_threshold";
}

export interface QueryPointsRequest__Output {
  /**
   * The collection name (in QueryBatch: empty, or the batch's collection).
   */
  'collection_name'?: (string);
  /**
   * What to search near (required).
   */
  'query'?: (_hqdb_v1_QueryTarget__Output);
  /**
   * Only points the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter__Output);
  /**
   * Search parameters.
   */
  'params'?: (_hqdb_v1_SearchParams__Output);
  /**
   * How many results (default 10).
   */
  'limit'?: (number);
  /**
   * Skip this many best results first (default 0).
   */
  'offset'?: (number);
  /**
   * Payload keys to return (default: none).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector__Output);
  /**
   * Return vectors (default false).
   */
  'with_vector'?: (boolean);
  /**
   * Drop results scoring worse than this.
   */
  'score_threshold'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
  '_with_vector'?: "with_vector";
  '_score_threshold'?: "score_threshold";
}
