// Original file: proto/hqdb/v1/layout.proto


/**
 * The collection's query log as a workload source (it has no parameters).
 */
export interface QueryLogSource {
}

/**
 * The collection's query log as a workload source (it has no parameters).
 */
export interface QueryLogSource__Output {
}
