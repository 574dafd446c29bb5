// Original file: proto/hqdb/v1/common.proto

import type { KeyList as _hqdb_v1_KeyList, KeyList__Output as _hqdb_v1_KeyList__Output } from '../../hqdb/v1/KeyList.js';

/**
 * Which payload keys a reply carries. Unset means the operation's default
 * (no payload for Query, the whole payload for Get and Scroll).
 */
export interface WithPayloadSelector {
  /**
   * true: the whole payload; false: none.
   */
  'enable'?: (boolean);
  /**
   * Only these keys (dotted paths into nested objects allowed).
   */
  'include'?: (_hqdb_v1_KeyList | null);
  /**
   * Every key but these.
   */
  'exclude'?: (_hqdb_v1_KeyList | null);
  'kind'?: "enable"|"include"|"exclude";
}

/**
 * Which payload keys a reply carries. Unset means the operation's default
 * (no payload for Query, the whole payload for Get and Scroll).
 */
export interface WithPayloadSelector__Output {
  /**
   * true: the whole payload; false: none.
   */
  'enable'?: (boolean);
  /**
   * Only these keys (dotted paths into nested objects allowed).
   */
  'include'?: (_hqdb_v1_KeyList__Output);
  /**
   * Every key but these.
   */
  'exclude'?: (_hqdb_v1_KeyList__Output);
  'kind'?: "enable"|"include"|"exclude";
}
