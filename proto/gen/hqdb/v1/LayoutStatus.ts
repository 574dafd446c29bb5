// Original file: proto/hqdb/v1/layout.proto

/**
 * The state of a layout, or of one build.
 */
export const LayoutStatus = {
  /**
   * Never sent.
   */
  LAYOUT_STATUS_UNSPECIFIED: 'LAYOUT_STATUS_UNSPECIFIED',
  /**
   * No layout has been built: the whole collection is one partition.
   */
  LAYOUT_NONE: 'LAYOUT_NONE',
  /**
   * A build is running; queries use the previous layout meanwhile.
   */
  LAYOUT_BUILDING: 'LAYOUT_BUILDING',
  /**
   * The built layout is serving queries.
   */
  LAYOUT_READY: 'LAYOUT_READY',
  /**
   * The build failed (BuildInfo.error says why); the previous layout still serves.
   */
  LAYOUT_FAILED: 'LAYOUT_FAILED',
} as const;

/**
 * The state of a layout, or of one build.
 */
export type LayoutStatus =
  /**
   * Never sent.
   */
  | 'LAYOUT_STATUS_UNSPECIFIED'
  | 0
  /**
   * No layout has been built: the whole collection is one partition.
   */
  | 'LAYOUT_NONE'
  | 1
  /**
   * A build is running; queries use the previous layout meanwhile.
   */
  | 'LAYOUT_BUILDING'
  | 2
  /**
   * The built layout is serving queries.
   */
  | 'LAYOUT_READY'
  | 3
  /**
   * The build failed (BuildInfo.error says why); the previous layout still serves.
   */
  | 'LAYOUT_FAILED'
  | 4

/**
 * The state of a layout, or of one build.
 */
export type LayoutStatus__Output = typeof LayoutStatus[keyof typeof LayoutStatus]
