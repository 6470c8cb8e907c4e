// The test model's vocabulary and its tokenizer.json / tokenizer_config.json.
//
// Layout (same order as Whisper's, ids shifted for the compact vocabulary):
//   text tokens (byte-level BPE) | <|endoftext|> | <|startoftranscript|> | 99 languages |
//   <|translate|> <|transcribe|> <|startoflm|> <|startofprev|> <|nocaptions|> <|notimestamps|> |
//   1501 timestamps <|0.00|> .. <|30.00|>
// transformers.js relies on two facts of this layout: timestamps start right after
// <|notimestamps|>, and <|notimestamps|> is the last special token.
import { Rng, streamFor } from "./random";

/** Whisper's language codes, in Whisper's token order (large-v3 adds "yue"). */
export const WHISPER_LANGUAGE_CODES = [
  "en",
  "zh",
  "de",
  "es",
  "ru",
  "ko",
  "fr",
  "ja",
  "pt",
  "tr",
  "pl",
  "ca",
  "nl",
  "ar",
  "sv",
  "it",
  "id",
  "hi",
  "fi",
  "vi",
  "he",
  "uk",
  "el",
  "ms",
  "cs",
  "ro",
  "da",
  "hu",
  "ta",
  "no",
  "th",
  "ur",
  "hr",
  "bg",
  "lt",
  "la",
  "mi",
  "ml",
  "cy",
  "sk",
  "te",
  "fa",
  "lv",
  "bn",
  "sr",
  "az",
  "sl",
  "kn",
  "et",
  "mk",
  "br",
  "eu",
  "is",
  "hy",
  "ne",
  "mn",
  "bs",
  "kk",
  "sq",
  "sw",
  "gl",
  "mr",
  "pa",
  "si",
  "km",
  "sn",
  "yo",
  "so",
  "af",
  "oc",
  "ka",
  "be",
  "tg",
  "sd",
  "gu",
  "am",
  "yi",
  "lo",
  "uz",
  "fo",
  "ht",
  "ps",
  "tk",
  "nn",
  "mt",
  "sa",
  "lb",
  "my",
  "bo",
  "tl",
  "mg",
  "as",
  "tt",
  "haw",
  "ln",
  "ha",
  "ba",
  "jw",
  "su",
] as const;

export const TIMESTAMP_COUNT = 1501;

export interface TokenIds {
  endOfText: number;
  startOfTranscript: number;
  firstLanguage: number;
  translate: number;
  transcribe: number;
  startOfLm: number;
  startOfPrev: number;
  noCaptions: number;
  noTimestamps: number;
  timestampBegin: number;
  /** Id of the byte-level space symbol "Ġ" (220 in GPT-2 and Whisper). */
  space: number;
}

export interface Vocab {
  size: number;
  /** Text tokens, index = id. */
  text: string[];
  merges: [string, string][];
  ids: TokenIds;
  /** "<|en|>" -> id */
  languageIds: Record<string, number>;
  /** Special added tokens in id order (ends with <|notimestamps|>). */
  special: { id: number; content: string }[];
  /** How each text token should be weighted in the embedding (see weights.ts). */
  textClass: ("word" | "ascii" | "other")[];
}

/** GPT-2's byte -> printable character table, in GPT-2's vocabulary order. */
export function byteLevelAlphabet(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const symbols = printable.map((b) => String.fromCharCode(b));
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!printable.includes(b)) symbols.push(String.fromCharCode(256 + extra++));
  }
  return symbols;
}

const SPACE = "Ġ";
const isWordChar = (s: string) => /^[a-z]$/.test(s);

/**
 * Builds the vocabulary. Compact: the 256 byte symbols only. Full: the byte symbols
 * plus seeded pseudo-words with BPE merges, up to Whisper's real text-token count
 * (50,257 multilingual, 50,256 English-only), so vocab_size is 51,865 / 51,864.
 */
export function buildVocab(options: { full: boolean; englishOnly: boolean; seed: number }): Vocab {
  const text = byteLevelAlphabet();
  const merges: [string, string][] = [];
  if (options.full) {
    const target = options.englishOnly ? 50256 : 50257;
    addPseudoWords(text, merges, target, streamFor(options.seed, "vocab.merges"));
  }

  const textClass = text.map((t): "word" | "ascii" | "other" => {
    if (t === SPACE || isWordChar(t) || t.length > 1) return "word";
    return /^[!-~]$/.test(t) ? "ascii" : "other";
  });

  let next = text.length;
  const special: { id: number; content: string }[] = [];
  const add = (content: string) => {
    special.push({ id: next, content });
    return next++;
  };
  const endOfText = add("<|endoftext|>");
  const startOfTranscript = add("<|startoftranscript|>");
  const languageIds: Record<string, number> = {};
  for (const code of WHISPER_LANGUAGE_CODES) languageIds[`<|${code}|>`] = add(`<|${code}|>`);
  const translate = add("<|translate|>");
  const transcribe = add("<|transcribe|>");
  const startOfLm = add("<|startoflm|>");
  const startOfPrev = add("<|startofprev|>");
  const noCaptions = add("<|nocaptions|>");
  const noTimestamps = add("<|notimestamps|>");
  const timestampBegin = next;

  return {
    size: timestampBegin + TIMESTAMP_COUNT,
    text,
    merges,
    languageIds,
    special,
    textClass,
    ids: {
      endOfText,
      startOfTranscript,
      firstLanguage: languageIds["<|en|>"],
      translate,
      transcribe,
      startOfLm,
      startOfPrev,
      noCaptions,
      noTimestamps,
      timestampBegin,
      space: text.indexOf(SPACE),
    },
  };
}

/** Grows the vocabulary with lowercase pseudo-words, each reachable by one new merge. */
function addPseudoWords(text: string[], merges: [string, string][], target: number, rng: Rng): void {
  const seen = new Set(text);
  const letters = text.filter(isWordChar);
  // Pieces that may start a token (with or without the leading space) and that may continue one.
  const heads = [SPACE, ...letters];
  const tails = [...letters];
  while (text.length < target) {
    const a = heads[rng.nextInt(heads.length)];
    const b = tails[rng.nextInt(tails.length)];
    // Most draws are refused for length once long pieces dominate: check that before
    // building the string (the same draws and choices as checking after, 4x faster).
    if (a.length + b.length > 12) continue;
    const merged = a + b;
    if (seen.has(merged)) continue;
    seen.add(merged);
    text.push(merged);
    merges.push([a, b]);
    heads.push(merged);
    if (!merged.startsWith(SPACE)) tails.push(merged);
  }
}

function timestampToken(i: number): string {
  return `<|${(i * 0.02).toFixed(2)}|>`;
}

export function tokenizerJson(vocab: Vocab): object {
  const added = (id: number, content: string, special: boolean) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special,
  });
  const sot = "<|startoftranscript|>";
  const nts = "<|notimestamps|>";
  const eot = "<|endoftext|>";
  const specialRef = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  const seq = (id: "A" | "B") => ({ Sequence: { id, type_id: 0 } });
  const specialEntry = (token: string, id: number) => ({ id: token, ids: [id], tokens: [token] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      ...vocab.special.map((t) => added(t.id, t.content, true)),
      // Timestamps are added tokens but not special: the ASR decoder tells them apart by id.
      ...Array.from({ length: TIMESTAMP_COUNT }, (_, i) => added(vocab.ids.timestampBegin + i, timestampToken(i), false)),
    ],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    // Whisper's default prefix when no language/task is set: <|startoftranscript|><|notimestamps|> ... <|endoftext|>
    post_processor: {
      type: "TemplateProcessing",
      single: [specialRef(sot), specialRef(nts), seq("A"), specialRef(eot)],
      pair: [specialRef(sot), specialRef(nts), seq("A"), seq("B"), specialRef(eot)],
      special_tokens: {
        [sot]: specialEntry(sot, vocab.ids.startOfTranscript),
        [nts]: specialEntry(nts, vocab.ids.noTimestamps),
        [eot]: specialEntry(eot, vocab.ids.endOfText),
      },
    },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "",
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(vocab.text.map((t, i) => [t, i])),
      merges: vocab.merges,
    },
  };
}

export function tokenizerConfigJson(vocab: Vocab): object {
  const eot = "<|endoftext|>";
  return {
    tokenizer_class: "WhisperTokenizer",
    model_max_length: 1024,
    bos_token: eot,
    eos_token: eot,
    unk_token: eot,
    pad_token: eot,
    add_prefix_space: false,
    clean_up_tokenization_spaces: true,
    errors: "replace",
    additional_special_tokens: vocab.special.filter((t) => t.content !== eot).map((t) => t.content),
    language: null,
    task: null,
    predict_timestamps: false,
  };
}
