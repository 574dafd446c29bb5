// Original file: proto/hqdb/v1/workloads.proto


/**
 * Why one line could not run.
 */
export interface WorkloadLineError {
  /**
   * The stable code (core/errors.ts), e.g. WRONG_DIMENSION or INVALID_FILTER.
   */
  'code'?: (string);
  /**
   * The message, starting with the line number ("line 17: ...").
   */
  'message'?: (string);
}

/**
 * Why one line could not run.
 */
export interface WorkloadLineError__Output {
  /**
   * The stable code (core/errors.ts), e.g. WRONG_DIMENSION or INVALID_FILTER.
   */
  'code'?: (string);
  /**
   * The message, starting with the line number ("line 17: ...").
   */
  'message'?: (string);
}
