// Original file: proto/hqdb/v1/points.proto

import type { ScoredPoint as _hqdb_v1_ScoredPoint, ScoredPoint__Output as _hqdb_v1_ScoredPoint__Output } from '../../hqdb/v1/ScoredPoint.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface ExplainResponse {
  /**
   * The results, best first.
   */
  'points'?: (_hqdb_v1_ScoredPoint)[];
  /**
   * The plan and its statistics, exactly as REST's `explain` object
   * (plan {kind, ...}, matching, live, filter, thresholds, fallback, timings_ms).
   * A Struct because plans are data that grow with the planner.
   */
  'explain'?: (_google_protobuf_Struct | null);
}

export interface ExplainResponse__Output {
  /**
   * The results, best first.
   */
  'points'?: (_hqdb_v1_ScoredPoint__Output)[];
  /**
   * The plan and its statistics, exactly as REST's `explain` object
   * (plan {kind, ...}, matching, live, filter, thresholds, fallback, timings_ms).
   * A Struct because plans are data that grow with the planner.
   */
  'explain'?: (_google_protobuf_Struct__Output);
}
