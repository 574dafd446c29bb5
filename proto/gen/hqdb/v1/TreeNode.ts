// Original file: proto/hqdb/v1/layout.proto

import type { TreeCut as _hqdb_v1_TreeCut, TreeCut__Output as _hqdb_v1_TreeCut__Output } from '../../hqdb/v1/TreeCut.js';
import type { TreeLeaf as _hqdb_v1_TreeLeaf, TreeLeaf__Output as _hqdb_v1_TreeLeaf__Output } from '../../hqdb/v1/TreeLeaf.js';

/**
 * A node of the qd-tree: a cut with two subtrees, or a leaf partition.
 */
export interface TreeNode {
  'cut'?: (_hqdb_v1_TreeCut | null);
  'leaf'?: (_hqdb_v1_TreeLeaf | null);
  'kind'?: "cut"|"leaf";
}

/**
 * A node of the qd-tree: a cut with two subtrees, or a leaf partition.
 */
export interface TreeNode__Output {
  'cut'?: (_hqdb_v1_TreeCut__Output);
  'leaf'?: (_hqdb_v1_TreeLeaf__Output);
  'kind'?: "cut"|"leaf";
}
