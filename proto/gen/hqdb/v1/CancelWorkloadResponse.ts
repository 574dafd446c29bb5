// Original file: proto/hqdb/v1/workloads.proto


export interface CancelWorkloadResponse {
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * True when a queued or running job was cancelled; false when a job that
   * had ended was removed.
   */
  'cancelled'?: (boolean);
}

export interface CancelWorkloadResponse__Output {
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * True when a queued or running job was cancelled; false when a job that
   * had ended was removed.
   */
  'cancelled'?: (boolean);
}
