// Original file: proto/hqdb/v1/workloads.proto


/**
 * Lines answered out of the job's lines.
 */
export interface WorkloadProgressCount {
  'done'?: (number);
  'total'?: (number);
}

/**
 * Lines answered out of the job's lines.
 */
export interface WorkloadProgressCount__Output {
  'done'?: (number);
  'total'?: (number);
}
