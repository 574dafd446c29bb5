// Original file: proto/hqdb/v1/layout.proto

import type { LayoutStatus as _hqdb_v1_LayoutStatus, LayoutStatus__Output as _hqdb_v1_LayoutStatus__Output } from '../../hqdb/v1/LayoutStatus.js';
import type { BuildInfo as _hqdb_v1_BuildInfo, BuildInfo__Output as _hqdb_v1_BuildInfo__Output } from '../../hqdb/v1/BuildInfo.js';
import type { PartitionInfo as _hqdb_v1_PartitionInfo, PartitionInfo__Output as _hqdb_v1_PartitionInfo__Output } from '../../hqdb/v1/PartitionInfo.js';
import type { TreeNode as _hqdb_v1_TreeNode, TreeNode__Output as _hqdb_v1_TreeNode__Output } from '../../hqdb/v1/TreeNode.js';

export interface LayoutInfo {
  /**
   * The layout's status.
   */
  'status'?: (_hqdb_v1_LayoutStatus);
  /**
   * The current or last build; unset when none has run.
   */
  'build'?: (_hqdb_v1_BuildInfo | null);
  /**
   * The partitions serving queries now.
   */
  'partitions'?: (_hqdb_v1_PartitionInfo)[];
  /**
   * The cuts; unset without a layout.
   */
  'tree'?: (_hqdb_v1_TreeNode | null);
  /**
   * The whole-collection index kept as a fallback, when there is one.
   */
  'global_index'?: (_hqdb_v1_PartitionInfo | null);
}

export interface LayoutInfo__Output {
  /**
   * The layout's status.
   */
  'status'?: (_hqdb_v1_LayoutStatus__Output);
  /**
   * The current or last build; unset when none has run.
   */
  'build'?: (_hqdb_v1_BuildInfo__Output);
  /**
   * The partitions serving queries now.
   */
  'partitions'?: (_hqdb_v1_PartitionInfo__Output)[];
  /**
   * The cuts; unset without a layout.
   */
  'tree'?: (_hqdb_v1_TreeNode__Output);
  /**
   * The whole-collection index kept as a fallback, when there is one.
   */
  'global_index'?: (_hqdb_v1_PartitionInfo__Output);
}
