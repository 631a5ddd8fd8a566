/** The uploads feature's public surface: other features import from here. */
export { uploadFiles, type UploadOptions } from './upload-files.middleware.js';
export {
  contentDisposition,
  deleteStoredFile,
  sendStoredFile,
  storedFilePath,
} from './stored-files.service.js';
export { detectType, KIND_LABELS } from './detect-type.js';
export { UPLOAD_KINDS, type StoredUpload, type UploadKind } from './uploads.types.js';
