// Original file: proto/hqdb/v1/layout.proto

import type { TreeNode as _hqdb_v1_TreeNode, TreeNode__Output as _hqdb_v1_TreeNode__Output } from '../../hqdb/v1/TreeNode.js';

/**
 * An inner node: points satisfying the predicate go inside, the rest outside.
 */
export interface TreeCut {
  /**
   * The cut's predicate, e.g. `genre = "jazz"` or `year in [1990, 2000)`.
   */
  'predicate'?: (string);
  'inside'?: (_hqdb_v1_TreeNode | null);
  'outside'?: (_hqdb_v1_TreeNode | null);
}

/**
 * An inner node: points satisfying the predicate go inside, the rest outside.
 */
export interface TreeCut__Output {
  /**
   * The cut's predicate, e.g. `genre = "jazz"` or `year in [1990, 2000)`.
   */
  'predicate'?: (string);
  'inside'?: (_hqdb_v1_TreeNode__Output);
  'outside'?: (_hqdb_v1_TreeNode__Output);
}
