// Time formatting shared by the exporters. Cue times are whole milliseconds so that
// rounding can never make two cues overlap once printed.

/** Seconds → whole milliseconds; negative or non-finite times become 0. */
export function toMs(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** HH:MM:SS,mmm (SRT, separator ",") or HH:MM:SS.mmm (WebVTT, "."). Hours grow past 99. */
export function cueTimestamp(ms: number, separator: "," | "."): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${separator}${pad(total % 1000, 3)}`;
}

/** HH:MM:SS for paragraph stamps ("[00:01:02]"); floors, so a stamp never points past the words. */
export function clockTimestamp(seconds: number): string {
  const total = Math.floor(toMs(seconds) / 1000);
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
