// What the batch route accepts, shared with the console's upload queue
// (no imports: safe in browser code, as "@awan/backend/batch-limits").

/** Files up to this size may travel in a batch; larger ones use a resumable upload. */
export const SMALL_FILE_MAX_BYTES = 1024 * 1024;
export const BATCH_MAX_FILES = 500;
export const BATCH_MAX_BYTES = 32 * 1024 * 1024;
