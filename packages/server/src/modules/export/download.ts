/**
 * `Content-Disposition` for a download with a non-ASCII name: browsers take `filename*` (RFC 6266/5987,
 * UTF-8), older clients the ASCII fallback with everything else replaced by underscores.
 */
export function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
