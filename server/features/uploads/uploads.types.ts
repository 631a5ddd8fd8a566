/** Kinds of file an upload route may accept; each maps to a list of types checked on the bytes. */
export const UPLOAD_KINDS = ['image', 'pdf', 'office', 'opendocument', 'text'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** A file accepted by `uploadFiles()` and written under config.uploadsDir. */
export interface StoredUpload {
  /** Random name on disk (uuid + extension of the detected type); the only handle to store. */
  storedName: string;
  /** The name the person's computer gave the file (shown back, never used as a path). */
  originalName: string;
  /** MIME type detected from the bytes, not the one the browser claimed. */
  mime: string;
  size: number;
  /** Hex sha256 of the content. */
  sha256: string;
  /** Absolute path on disk. */
  path: string;
}
