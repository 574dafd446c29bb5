// Original file: proto/hqdb/v1/layout.proto


/**
 * The size of the workload a build learnt from.
 */
export interface WorkloadSummary {
  /**
   * Queries in the workload.
   */
  'queries'?: (number);
  /**
   * Distinct filters among them.
   */
  'distinct_filters'?: (number);
}

/**
 * The size of the workload a build learnt from.
 */
export interface WorkloadSummary__Output {
  /**
   * Queries in the workload.
   */
  'queries'?: (number);
  /**
   * Distinct filters among them.
   */
  'distinct_filters'?: (number);
}
