// Client-safe display formatting, shared by the pages and the CLI.

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/**
 * Binary units (1 KB = 1024 bytes), the way Selenite's own limits count: MAX_UPLOAD_MB
 * and the disk reserve are MiB, so a file shown as "4096 MB" is exactly at a 4096 MB limit.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** 75 -> "1:15", 3725 -> "1:02:05"; "–" when unknown. */

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** 00:01:02.3 style timestamps for transcripts. */
export function formatTimestamp(seconds: number, withTenths = false): string {
  const safe = Math.max(0, seconds);
  const h = Math.floor(safe / 3600);
  const m = Math.floor((safe % 3600) / 60);
  const s = Math.floor(safe % 60);
  const base = `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
  return withTenths ? `${base}.${Math.floor((safe % 1) * 10)}` : base;
}

/** A length of time in words, as rough as an estimate is: "40 s", "3 min", "1.5 h". */
export function formatApprox(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function formatEta(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "";
  return `${formatApprox(seconds)} left`;
}

export function formatRelative(iso: string, now = Date.now()): string {
  const diff = (now - new Date(iso).getTime()) / 1000;
  if (diff < 45) return "just now";
  if (diff < 3600) return `${Math.round(diff / 60)} min ago`;
  if (diff < 86400) return `${Math.round(diff / 3600)} h ago`;
  return formatDate(iso);
}

/**
 * The one way dates are written on every page: "4 Dec 2026" in the reader's locale
 * and time zone (`timeZone` pins one, for the server's render and for tests).
 */
export function formatDate(iso: string, timeZone?: string, locale?: string): string {
  return new Date(iso).toLocaleDateString(locale, { dateStyle: "medium", timeZone });
}

/** "4 Dec 2026, 19:21": formatDate with the time of day. */
export function formatDateTime(iso: string, timeZone?: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
}

/** "1 match", "7 matches": a count with its noun. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? singular : plural}`;
}

/** "Next in line", "3rd in line". */
export function formatPlaceInLine(position: number): string {
  if (position === 1) return "Next in line";
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[position % 10] ?? "th");
  return `${position}${suffix} in line`;
}
