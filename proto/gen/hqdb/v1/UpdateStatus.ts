// Original file: proto/hqdb/v1/common.proto

/**
 * How a write completed.
 */
export const UpdateStatus = {
  /**
   * Never sent.
   */
  UPDATE_STATUS_UNSPECIFIED: 'UPDATE_STATUS_UNSPECIFIED',
  /**
   * Committed to storage; indexing may still be running (wait = false).
   */
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  /**
   * Committed and applied (wait = true).
   */
  COMPLETED: 'COMPLETED',
} as const;

/**
 * How a write completed.
 */
export type UpdateStatus =
  /**
   * Never sent.
   */
  | 'UPDATE_STATUS_UNSPECIFIED'
  | 0
  /**
   * Committed to storage; indexing may still be running (wait = false).
   */
  | 'ACKNOWLEDGED'
  | 1
  /**
   * Committed and applied (wait = true).
   */
  | 'COMPLETED'
  | 2

/**
 * How a write completed.
 */
export type UpdateStatus__Output = typeof UpdateStatus[keyof typeof UpdateStatus]
