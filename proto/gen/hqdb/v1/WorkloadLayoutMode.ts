// Original file: proto/hqdb/v1/workloads.proto

/**
 * How a job treats the collection's layout.
 */
export const WorkloadLayoutMode = {
  /**
   * Same as WORKLOAD_LAYOUT_KEEP.
   */
  WORKLOAD_LAYOUT_UNSPECIFIED: 'WORKLOAD_LAYOUT_UNSPECIFIED',
  /**
   * Run on the current layout.
   */
  WORKLOAD_LAYOUT_KEEP: 'WORKLOAD_LAYOUT_KEEP',
  /**
   * First learn a layout from this workload's filters (as Layout.Build with
   * `workload` does), wait for it, then run; if the build cannot run, the job
   * runs on the layout there is and says why in stats.layout.error.
   */
  WORKLOAD_LAYOUT_OPTIMISE: 'WORKLOAD_LAYOUT_OPTIMISE',
} as const;

/**
 * How a job treats the collection's layout.
 */
export type WorkloadLayoutMode =
  /**
   * Same as WORKLOAD_LAYOUT_KEEP.
   */
  | 'WORKLOAD_LAYOUT_UNSPECIFIED'
  | 0
  /**
   * Run on the current layout.
   */
  | 'WORKLOAD_LAYOUT_KEEP'
  | 1
  /**
   * First learn a layout from this workload's filters (as Layout.Build with
   * `workload` does), wait for it, then run; if the build cannot run, the job
   * runs on the layout there is and says why in stats.layout.error.
   */
  | 'WORKLOAD_LAYOUT_OPTIMISE'
  | 2

/**
 * How a job treats the collection's layout.
 */
export type WorkloadLayoutMode__Output = typeof WorkloadLayoutMode[keyof typeof WorkloadLayoutMode]
