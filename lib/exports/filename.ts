// Download names: the recording's name with the export's extension, safe for every
// file system and for the Content-Disposition header (RFC 6266 + RFC 5987).
import { avoidDeviceName, sanitizeFileName, titleFromFileName } from "@/lib/storage/files";

const MAX_BASE_LENGTH = 120;

/** The original name's base (no folders, extension, controls, bidi overrides or reserved characters). */
export function exportBaseName(originalName: string, fallback = "transcript"): string {
  const name = sanitizeFileName(originalName, "");
  let base = titleFromFileName(name)
    .replace(/[;%]/g, "_")
    .replace(/[. ]+$/, "")
    .trim();
  const chars = [...base];
  if (chars.length > MAX_BASE_LENGTH) base = chars.slice(0, MAX_BASE_LENGTH).join("").trim();
  if (!base || /^\.+$/.test(base)) return fallback;
  return avoidDeviceName(base);
}

/** Percent-encodes everything outside RFC 5987's attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` */
export function contentDisposition(originalName: string, extension: string): string {
  const name = `${exportBaseName(originalName)}.${extension}`;
  // Old clients read only filename=: plain printable ASCII, nothing that ends the quoted string.
  const ascii = Array.from(name, (c) => (/^[\x20-\x7e]$/.test(c) ? c : "_"))
    .join("")
    .replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Names for the entries of a zip: safe, and unique even on case-insensitive file systems. */
export function uniqueNames(): (originalName: string, extension: string) => string {
  const taken = new Set<string>();
  return (originalName, extension) => {
    const base = exportBaseName(originalName);
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? `${base}.${extension}` : `${base} (${n}).${extension}`;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
}
