// Original file: proto/hqdb/v1/collections.proto


export interface ListCollectionsRequest {
}

export interface ListCollectionsRequest__Output {
}
