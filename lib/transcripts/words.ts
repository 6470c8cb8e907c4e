// Word timings as stored in Segment.words (a JSON string): the one type and the one
// parser. Safe for client components.
import { z } from "zod";

export const wordSchema = z.object({ word: z.string(), start: z.number(), end: z.number(), probability: z.number().optional() });
export type Word = z.infer<typeof wordSchema>;

const wordsSchema = z.array(wordSchema);

/** Stored word timings, or null when absent or unreadable (the text stays usable). */
export function parseWords(raw: string | null): Word[] | null {
  if (!raw) return null;
  try {
    const parsed = wordsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What Segment.words stores: null rather than an empty list. */
export function wordsJson(words: readonly Word[] | null | undefined): string | null {
  return words?.length ? JSON.stringify(words) : null;
}
