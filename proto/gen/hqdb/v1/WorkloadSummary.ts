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
  /**
   * Set when the builder estimated the workload's cost over a weighted sample
   * of that many distinct filters (layout.filter_sample).
   */
  'sampled_filters'?: (number);
  '_sampled_filters'?: "sampled_filters";
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
  /**
   * Set when the builder estimated the workload's cost over a weighted sample
   * of that many distinct filters (layout.filter_sample).
   */
  'sampled_filters'?: (number);
  '_sampled_filters'?: "sampled_filters";
}
