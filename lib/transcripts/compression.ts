// openai/whisper's compression_ratio: UTF-8 bytes of the text over the bytes zlib
// makes of them (default level). Text that loops ("Thank you. Thank you. …")
// compresses well, so a high ratio means repetition.
import { deflateSync } from "node:zlib";

export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length === 0) return 0;
  return Math.round((bytes.length / deflateSync(bytes).length) * 1000) / 1000;
}
