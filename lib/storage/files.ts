// Where uploaded media lives and how names are made safe. Stored names are
// generated (uuid + extension); the person's file name is kept only for display and
// for export file names, after sanitizing.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { SeleniteError } from "@/lib/errors";

const MAX_NAME_LENGTH = 180;

/** A display-safe file name: no folders, no control or reserved characters, bounded length. */
export function sanitizeFileName(name: string, fallback = "recording"): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // Control characters, bidi overrides and characters Windows forbids in names.
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!cleaned) return fallback;
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const ext = path.extname(cleaned).slice(0, 12);
  return cleaned.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
}

// Device names Windows opens instead of a file, whatever follows the first dot
// (`AUX.txt.srt` is AUX) and whatever case, trailing spaces and dots ignored.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;

export function isWindowsDeviceName(name: string): boolean {
  return WINDOWS_DEVICE.test(name.split(".")[0].replace(/[ .]+$/, "").trim());
}

/** A name a file can be saved under on every system: `_` in front of a device name. */
export function avoidDeviceName(name: string): string {
  return isWindowsDeviceName(name) ? `_${name}` : name;
}

/** The file name without its extension, for job titles. */
export function titleFromFileName(name: string): string {
  const ext = path.extname(name);
  return (ext && ext.length < name.length ? name.slice(0, -ext.length) : name).trim() || name;
}

export function newStoredName(extension: string): string {
  const ext = /^\.[a-z0-9]{1,8}$/.test(extension) ? extension : ".bin";
  return `${randomUUID()}${ext}`;
}

/** Absolute path of a stored upload; refuses anything that would leave the uploads folder. */
export function storedPath(uploadsDir: string, storedName: string): string {
  if (!/^[A-Za-z0-9-]+(\.[a-z0-9]{1,8})?(\.part)?$/.test(storedName)) {
    throw new SeleniteError("bad_request", "Invalid stored file name.");
  }
  return path.join(uploadsDir, storedName);
}

export async function removeQuietly(file: string): Promise<void> {
  await fs.rm(file, { force: true }).catch(() => undefined);
}

/** Bytes used by the files directly inside a folder. */
export async function folderSize(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const stat = await fs.stat(path.join(dir, entry.name)).catch(() => null);
    total += stat?.size ?? 0;
  }
  return total;
}
