// Word timestamps as stored in Segment.words (a JSON string): the one type and the one
// parser. Safe for client components.
import { z } from "zod";

export const wordSchema = z.object({ word: z.string(), start: z.number(), end: z.number(), probability: z.number().optional() });
export type Word = z.infer<typeof wordSchema>;

const wordsSchema = z.array(wordSchema);

/** Stored word timestamps, or null when absent or unreadable (the text stays usable). */
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

/**
 * The words as the view shows them: each word's text without its leading space, and
 * whether a space goes before it. Whisper writes the space into the word; rows stored
 * before that was kept have bare words, so their spaces are read off the segment's text.
 */
export function spacedWords(words: readonly Word[], text: string): { text: string; space: boolean }[] {
  let at = 0;
  return words.map((word, i) => {
    const bare = word.word.trimStart();
    const found = bare ? text.indexOf(bare, at) : -1;
    const spacedInText = found > at && /\s/.test(text.slice(at, found));
    if (found >= 0) at = found + bare.length;
    return { text: bare, space: i > 0 && (bare.length < word.word.length || spacedInText) };
  });
}
