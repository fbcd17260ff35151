// What the start script, the storage CLI and (later) file transfer need of the storage engine.
export { getStorageConfig } from "../config";
export { getStorageEngine, startBackgroundJobs } from "./engine-instance";
export { rotateMasterKey } from "./master-key-rotation";
export { StorageEngine } from "./storage-engine";
export type { ByteRange, OpenedBlob } from "./blob-reader";
export type { WrittenBlob } from "./blob-writer";
export { runStorageTask } from "./storage-tasks";
