// What the start script, the storage CLI and the files domain need of the storage engine.
export { getStorageConfig } from "../config";
export { cloneBlob, createPendingBlob, sealBlob } from "./blob-appender";
export { getStorageEngine } from "./engine-instance";
export { rotateMasterKey } from "./master-key-rotation";
export { StorageEngine } from "./storage-engine";
export { blobLayoutJson, layoutFromJson, type BlobLayout, type ByteRange, type OpenedBlob } from "./blob-reader";
export type { StoredPack } from "./blob-packer";
export type { WrittenBlob } from "./blob-writer";
export { runStorageTask } from "./storage-tasks";
