// Shared shapes for media probing and decoding. Kept free of Node imports so the
// engine and the UI-facing job code can both import the types.

import { SAMPLE_RATE } from "../whisper-constants";

/** Where ffmpeg/ffprobe live, as configured (FFMPEG_PATH / FFPROBE_PATH). */
export interface MediaToolOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
}

/** Whisper's input format: every decoder in this folder emits 16 kHz mono float32. */
export const TARGET_SAMPLE_RATE = SAMPLE_RATE;

export type MediaWarningCode =
  | "duration_unknown" // the container does not say how long it is
  | "possibly_truncated" // ffprobe saw size and duration disagree
  | "truncated" // decoding produced clearly less audio than the container claimed
  | "decode_errors" // ffmpeg skipped damaged packets but carried on
  | "decoder_stopped"; // ffmpeg failed near the end; what it decoded was kept

/** Something a person should see next to an otherwise successful transcript. */
export interface MediaWarning {
  code: MediaWarningCode;
  message: string;
}

export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}
