// openai/whisper's compression_ratio: UTF-8 bytes of the text over the bytes zlib
// makes of them (default level). Text that loops ("Thank you. Thank you. …")
// compresses well, so a high ratio means repetition. One owner: the engine's fallback
// check (lib/transcription/window-decode.ts) and the stored figure use it.
import { deflateSync } from "node:zlib";

export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length === 0) return 0;
  return bytes.length / deflateSync(bytes).length;
}
