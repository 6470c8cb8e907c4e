// The file-level rules of watch folders, free of the database: which files are
// media, when two files are the same recording, where a sidecar goes and how it is
// written so that no reader sees half of it.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

// Audio and video containers ffmpeg reads; anything else in a folder (our own .srt
// sidecars, .nfo, artwork) is not looked at.
const MEDIA_EXTENSIONS = new Set([
  ...["mp3", "wav", "wave", "m4a", "m4b", "aac", "flac", "ogg", "oga", "opus", "wma", "aif", "aiff", "aifc", "amr", "awb", "caf"],
  ...["mka", "ac3", "eac3", "dts", "mp2", "spx", "mp4", "m4v", "mov", "mkv", "webm", "avi", "wmv", "asf", "mpg", "mpeg", "m2v"],
  ...["ts", "mts", "m2ts", "3gp", "3g2", "flv", "ogv", "vob"],
]);

export function isMediaFile(file: string): boolean {
  const name = path.basename(file);
  // Hidden and partial files (".name", "x.part", "x.tmp") are what copy tools write first.
  if (name.startsWith(".")) return false;
  return MEDIA_EXTENSIONS.has(path.extname(name).slice(1).toLowerCase());
}

const EDGE_BYTES = 64 * 1024;

/** sha-256 of the size and the first and last 64 KB: a renamed or touched file keeps it. */
export async function fingerprint(file: string, size: number): Promise<string> {
  const hash = createHash("sha256").update(`${size}:`);
  const handle = await fs.open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(EDGE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > EDGE_BYTES) {
      const tail = Buffer.alloc(Math.min(EDGE_BYTES, size - EDGE_BYTES));
      await handle.read(tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally {
    await handle.close();
  }
  return hash.digest("hex");
}

/** Where the sidecars of `source` go, without the extension: `<dir>/<name>.<lang>`. */
export function sidecarBase(folder: { path: string; output: string; outputDir: string | null }, source: string, language: string): string {
  const name = path.basename(source, path.extname(source));
  const dir =
    folder.output === "folder" && folder.outputDir ? path.join(folder.outputDir, path.relative(folder.path, path.dirname(source))) : path.dirname(source);
  return path.join(dir, `${name}.${language}`);
}

export async function writeAtomically(target: string, body: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, body, { flag: "wx" });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
