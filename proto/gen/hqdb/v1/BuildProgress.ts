// Original file: proto/hqdb/v1/layout.proto

import type { LayoutStatus as _hqdb_v1_LayoutStatus, LayoutStatus__Output as _hqdb_v1_LayoutStatus__Output } from '../../hqdb/v1/LayoutStatus.js';
import type { BuildInfo as _hqdb_v1_BuildInfo, BuildInfo__Output as _hqdb_v1_BuildInfo__Output } from '../../hqdb/v1/BuildInfo.js';

export interface BuildProgress {
  /**
   * The layout's status when the message was sent.
   */
  'status'?: (_hqdb_v1_LayoutStatus);
  /**
   * The build being watched (or the last one); unset when none has run.
   */
  'build'?: (_hqdb_v1_BuildInfo | null);
  /**
   * True on the last message of the stream: the build has ended (or none was running).
   */
  'ended'?: (boolean);
}

export interface BuildProgress__Output {
  /**
   * The layout's status when the message was sent.
   */
  'status'?: (_hqdb_v1_LayoutStatus__Output);
  /**
   * The build being watched (or the last one); unset when none has run.
   */
  'build'?: (_hqdb_v1_BuildInfo__Output);
  /**
   * True on the last message of the stream: the build has ended (or none was running).
   */
  'ended'?: (boolean);
}
