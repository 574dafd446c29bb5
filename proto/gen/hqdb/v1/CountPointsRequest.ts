// Original file: proto/hqdb/v1/points.proto

import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from '../../hqdb/v1/Filter.js';

export interface CountPointsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Only points the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter | null);
  /**
   * Accepted for compatibility; counts are always exact.
   */
  'exact'?: (boolean);
  '_exact'?: "exact";
}

export interface CountPointsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Only points the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter__Output);
  /**
   * Accepted for compatibility; counts are always exact.
   */
  'exact'?: (boolean);
  '_exact'?: "exact";
}
