// Original file: proto/hqdb/v1/workloads.proto

/**
 * The state of a job.
 */
export const WorkloadStatus = {
  /**
   * Never sent.
   */
  WORKLOAD_STATUS_UNSPECIFIED: 'WORKLOAD_STATUS_UNSPECIFIED',
  /**
   * Waiting for the runner (jobs run one at a time, oldest first).
   */
  WORKLOAD_QUEUED: 'WORKLOAD_QUEUED',
  WORKLOAD_RUNNING: 'WORKLOAD_RUNNING',
  /**
   * Every line answered (some may have failed, within workloads.max_failed_share).
   */
  WORKLOAD_DONE: 'WORKLOAD_DONE',
  /**
   * Too many lines failed, or the job could not go on (`error` says why); its results are kept.
   */
  WORKLOAD_FAILED: 'WORKLOAD_FAILED',
  /**
   * Cancelled: its queries and results are gone.
   */
  WORKLOAD_CANCELLED: 'WORKLOAD_CANCELLED',
} as const;

/**
 * The state of a job.
 */
export type WorkloadStatus =
  /**
   * Never sent.
   */
  | 'WORKLOAD_STATUS_UNSPECIFIED'
  | 0
  /**
   * Waiting for the runner (jobs run one at a time, oldest first).
   */
  | 'WORKLOAD_QUEUED'
  | 1
  | 'WORKLOAD_RUNNING'
  | 2
  /**
   * Every line answered (some may have failed, within workloads.max_failed_share).
   */
  | 'WORKLOAD_DONE'
  | 3
  /**
   * Too many lines failed, or the job could not go on (`error` says why); its results are kept.
   */
  | 'WORKLOAD_FAILED'
  | 4
  /**
   * Cancelled: its queries and results are gone.
   */
  | 'WORKLOAD_CANCELLED'
  | 5

/**
 * The state of a job.
 */
export type WorkloadStatus__Output = typeof WorkloadStatus[keyof typeof WorkloadStatus]
