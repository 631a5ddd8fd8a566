/** Small formatting helpers shared by views, messages and scripts. */

/** "20 MB", "512 KB", "900 bytes": binary units, as the limits are configured in bytes. */
export function formatBytes(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
