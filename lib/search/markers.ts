// Client-safe: the control characters that delimit hits in search snippets.
// Transcripts never contain them (uploads and edits strip control characters).
export const HIT_START = "\u0002";
export const HIT_END = "\u0003";
