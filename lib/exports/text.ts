// Text clean-up and measuring shared by the exporters.

// C0/C1 controls (XML 1.0 forbids most of them, and they break subtitle files) and
// bidi overrides, which can make text display in an order other than written.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// A lone surrogate is not text and makes XML (docx) and UTF-8 encoders fail.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line of clean text: well-formed UTF-16, NFC, no controls, single spaces. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return "";
  return text.replace(LONE_SURROGATE, "\ufffd").normalize("NFC").replace(CONTROLS, "").replace(/\s+/g, " ").trim();
}

// Scripts written without spaces between words: joining two of their pieces must not add one.
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3000-\u303f\uff00-\uffef]/u;

export function needsSpaceBetween(left: string, right: string): boolean {
  // The last code point: two UTF-16 units are enough to hold it.
  const last = [...left.slice(-2)].at(-1) ?? "";
  const first = [...right][0] ?? "";
  return !(NO_SPACE_SCRIPT.test(last) && NO_SPACE_SCRIPT.test(first));
}

/** Joins cleaned pieces with spaces, except between pieces of scripts that use none. */
export function joinTexts(pieces: string[]): string {
  let out = "";
  for (const piece of pieces) {
    if (!piece) continue;
    out = out && needsSpaceBetween(out, piece) ? `${out} ${piece}` : out + piece;
  }
  return out;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// East Asian wide and fullwidth characters, and emoji, take two columns on screen.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/gu;
// Marks, joiners and variation selectors combine with the character before them.
// Each is matched on its own on purpose: every one of them counts as zero columns.
// eslint-disable-next-line no-misleading-character-class
const ZERO_WIDTH = /[\p{M}\u200b-\u200d\u2060\ufe00-\ufe0f]/gu;

export function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count += 1;
  }
  return count;
}

/**
 * Display width in columns: one per character, two for wide ones, none for combining
 * marks. Counted with regexes rather than a grapheme segmenter: exports of long
 * recordings measure hundreds of thousands of words.
 */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  return codePoints(text) - (text.match(ZERO_WIDTH)?.length ?? 0) + (text.match(WIDE)?.length ?? 0);
}

export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (g) => g.segment);
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const STRONG = /[\p{L}]/u;

/** True when the first letter is Hebrew, Arabic or another right-to-left script. */
export function isRightToLeft(text: string): boolean {
  for (const char of text) if (STRONG.test(char)) return RTL.test(char);
  return false;
}
