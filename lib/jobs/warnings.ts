// Job.warnings: what the upload probe and the engine said about an otherwise usable
// file ("may be incomplete", "English-only model", ...), kept as a JSON array of
// strings. Written and read only here, so a damaged column can never break a page.
import { z } from "zod";

const warningsSchema = z.array(z.string().min(1));

/** At most this many are kept; a badly damaged file must not fill the row. */
const MAX_WARNINGS = 20;

/** The column value for `warnings` (duplicates dropped, in order), or null when there are none. */
export function encodeWarnings(warnings: readonly string[] | undefined): string | null {
  const unique = [...new Set((warnings ?? []).map((w) => w.trim()).filter(Boolean))].slice(0, MAX_WARNINGS);
  return unique.length ? JSON.stringify(unique) : null;
}

/** The stored warnings; an absent or unreadable column reads as none. */
export function parseWarnings(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed = warningsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
