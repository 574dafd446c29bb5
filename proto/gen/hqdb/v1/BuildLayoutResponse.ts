// Original file: proto/hqdb/v1/layout.proto

import type { LayoutStatus as _hqdb_v1_LayoutStatus, LayoutStatus__Output as _hqdb_v1_LayoutStatus__Output } from '../../hqdb/v1/LayoutStatus.js';

export interface BuildLayoutResponse {
  /**
   * The build's id (BuildInfo.id).
   */
  'id'?: (string);
  /**
   * Always LAYOUT_BUILDING: the build runs in the background.
   */
  'status'?: (_hqdb_v1_LayoutStatus);
}

export interface BuildLayoutResponse__Output {
  /**
   * The build's id (BuildInfo.id).
   */
  'id'?: (string);
  /**
   * Always LAYOUT_BUILDING: the build runs in the background.
   */
  'status'?: (_hqdb_v1_LayoutStatus__Output);
}
