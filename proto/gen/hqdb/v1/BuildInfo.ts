// Original file: proto/hqdb/v1/layout.proto

import type { LayoutStatus as _hqdb_v1_LayoutStatus, LayoutStatus__Output as _hqdb_v1_LayoutStatus__Output } from '../../hqdb/v1/LayoutStatus.js';
import type { WorkloadSummary as _hqdb_v1_WorkloadSummary, WorkloadSummary__Output as _hqdb_v1_WorkloadSummary__Output } from '../../hqdb/v1/WorkloadSummary.js';

/**
 * One build, running or finished.
 */
export interface BuildInfo {
  /**
   * The build's id.
   */
  'id'?: (string);
  /**
   * LAYOUT_BUILDING, LAYOUT_READY or LAYOUT_FAILED.
   */
  'status'?: (_hqdb_v1_LayoutStatus);
  /**
   * Units of work done so far, out of `total`.
   */
  'done'?: (number);
  'total'?: (number);
  /**
   * Why the build failed (LAYOUT_FAILED only).
   */
  'error'?: (string);
  /**
   * When it started and ended (RFC 3339); finished_at is unset while building.
   */
  'started_at'?: (string);
  'finished_at'?: (string);
  /**
   * Wall-clock seconds the build took (or has taken so far).
   */
  'seconds'?: (number | string);
  /**
   * The workload the tree was learnt from; unset until it is known.
   */
  'workload'?: (_hqdb_v1_WorkloadSummary | null);
  '_error'?: "error";
  '_finished_at'?: "finished_at";
}

/**
 * One build, running or finished.
 */
export interface BuildInfo__Output {
  /**
   * The build's id.
   */
  'id'?: (string);
  /**
   * LAYOUT_BUILDING, LAYOUT_READY or LAYOUT_FAILED.
   */
  'status'?: (_hqdb_v1_LayoutStatus__Output);
  /**
   * Units of work done so far, out of `total`.
   */
  'done'?: (number);
  'total'?: (number);
  /**
   * Why the build failed (LAYOUT_FAILED only).
   */
  'error'?: (string);
  /**
   * When it started and ended (RFC 3339); finished_at is unset while building.
   */
  'started_at'?: (string);
  'finished_at'?: (string);
  /**
   * Wall-clock seconds the build took (or has taken so far).
   */
  'seconds'?: (number);
  /**
   * The workload the tree was learnt from; unset until it is known.
   */
  'workload'?: (_hqdb_v1_WorkloadSummary__Output);
  '_error'?: "error";
  '_finished_at'?: "finished_at";
}
