// Token ids -> text for Whisper's byte-level BPE tokenizer, and nothing else. The
// engine only ever decodes (prompts are special tokens looked up in
// generation_config.json), but transformers.js's tokenizer also builds everything
// encoding needs (50,000 merges, regexes, maps both ways): ~45 MB of a process
// whose whole budget is model files + 300 MB. This keeps one byte table (~0.5 MB)
// and decodes exactly as @huggingface/tokenizers does with skip_special_tokens
// (tests/unit/engine-detokenizer.test.ts compares the two on thousands of inputs).
import path from "node:path";
import { z } from "zod";
import { readJson } from "./whisper-spec";

const TokenizerSchema = z.object({
  model: z.object({
    type: z.literal("BPE"),
    vocab: z.record(z.string(), z.number().int().nonnegative()),
    unk_token: z.string().nullish(),
    // The library appends this to words when set; Whisper's is empty.
    end_of_word_suffix: z.union([z.literal(""), z.null()]).optional(),
  }),
  added_tokens: z.array(z.object({ id: z.number().int().nonnegative(), content: z.string(), special: z.boolean().optional() })).default([]),
  decoder: z.object({ type: z.literal("ByteLevel") }),
});

const ConfigSchema = z.object({
  clean_up_tokenization_spaces: z.boolean().nullish(),
  additional_special_tokens: z.array(z.unknown()).nullish(),
});

export class UnsupportedTokenizer extends Error {}

const REGULAR = 0;
const ADDED = 1;
const SKIPPED = 2;
/** No token has this id: the library decodes it as the unknown token, if there is one. */
const MISSING = 3;

/** GPT-2's byte-level alphabet backwards: the printable stand-in of each byte -> the byte. */
function byteLevelDecoding(): Map<string, number> {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const map = new Map<string, number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) map.set(String.fromCodePoint(printable(b) ? b : 256 + shifted++), b);
  return map;
}

/** The same rules as transformers.js's clean_up_tokenization. */
function cleanUp(text: string): string {
  return text
    .replace(/ \./g, ".")
    .replace(/ \?/g, "?")
    .replace(/ !/g, "!")
    .replace(/ ,/g, ",")
    .replace(/ ' /g, "'")
    .replace(/ n't/g, "n't")
    .replace(/ 'm/g, "'m")
    .replace(/ 's/g, "'s")
    .replace(/ 've/g, "'ve")
    .replace(/ 're/g, "'re");
}

export class Detokenizer {
  private readonly utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

  private constructor(
    /** Bytes of every regular token, back to back; token i is bytes[offsets[i]..offsets[i+1]). */
    private readonly bytes: Uint8Array,
    private readonly offsets: Uint32Array,
    /** REGULAR, ADDED (emitted as written) or SKIPPED (special), by id. */
    private readonly kinds: Uint8Array,
    private readonly addedText: Map<number, string>,
    /** Id of the unknown token, -1 when the tokenizer has none. */
    private readonly unknownId: number,
    private readonly cleanUpSpaces: boolean,
  ) {}

  /** Reads `tokenizer.json` and `tokenizer_config.json` of a model folder. */
  static async load(modelDir: string): Promise<Detokenizer> {
    const tokenizer = TokenizerSchema.safeParse(await readJson(path.join(modelDir, "tokenizer.json")));
    if (!tokenizer.success) throw new UnsupportedTokenizer(`tokenizer.json is not a byte-level BPE tokenizer (${tokenizer.error.issues[0]?.path.join(".")})`);
    const config = ConfigSchema.safeParse(await readJson(path.join(modelDir, "tokenizer_config.json")).catch(() => ({})));
    return Detokenizer.from(tokenizer.data, config.success ? config.data : {});
  }

  private static from(tokenizer: z.infer<typeof TokenizerSchema>, config: z.infer<typeof ConfigSchema>): Detokenizer {
    const { vocab, unk_token: unkToken } = tokenizer.model;
    const text: string[] = [];
    for (const [token, id] of Object.entries(vocab)) text[id] = token;
    for (const added of tokenizer.added_tokens) text[added.id] = added.content;
    // Like the library, by content: a token is skipped or kept whole if its text is
    // that of a special or added token, whichever id it came from.
    const special = new Set(tokenizer.added_tokens.filter((t) => t.special).map((t) => t.content));
    for (const extra of config.additional_special_tokens ?? []) if (typeof extra === "string") special.add(extra);
    const added = new Set(tokenizer.added_tokens.map((t) => t.content));

    const decoding = byteLevelDecoding();
    const kinds = new Uint8Array(text.length).fill(REGULAR);
    const offsets = new Uint32Array(text.length + 1);
    const addedText = new Map<number, string>();
    const pieces: number[] = [];
    for (let id = 0; id < text.length; id++) {
      const token = text[id];
      offsets[id] = pieces.length;
      if (token === undefined) kinds[id] = MISSING;
      else if (special.has(token)) kinds[id] = SKIPPED;
      else if (added.has(token)) {
        kinds[id] = ADDED;
        addedText.set(id, token);
      } else {
        // A symbol outside the alphabet becomes byte 0, as in the library.
        for (const symbol of token) pieces.push(decoding.get(symbol) ?? 0);
      }
    }
    offsets[text.length] = pieces.length;
    const unknownId = unkToken ? text.indexOf(unkToken) : -1;
    return new Detokenizer(Uint8Array.from(pieces), offsets, kinds, addedText, unknownId, config.clean_up_tokenization_spaces ?? true);
  }

  /** Text of the ids, special tokens left out (skip_special_tokens). */
  decode(ids: readonly number[]): string {
    let out = "";
    let run: number[] = [];
    const flush = () => {
      if (run.length === 0) return;
      let length = 0;
      for (const id of run) length += this.offsets[id + 1] - this.offsets[id];
      const buffer = new Uint8Array(length);
      let at = 0;
      for (const id of run) {
        buffer.set(this.bytes.subarray(this.offsets[id], this.offsets[id + 1]), at);
        at += this.offsets[id + 1] - this.offsets[id];
      }
      out += this.utf8.decode(buffer);
      run = [];
    };
    for (const raw of ids) {
      const known = Number.isInteger(raw) && raw >= 0 && raw < this.kinds.length && this.kinds[raw] !== MISSING;
      const id = known ? raw : this.unknownId;
      if (id < 0) continue;
      const kind = this.kinds[id];
      if (kind === SKIPPED) continue;
      if (kind === ADDED) {
        // Added tokens are not byte-level text: the bytes so far are decoded on their own.
        flush();
        out += this.addedText.get(id) ?? "";
      } else run.push(id);
    }
    flush();
    return this.cleanUpSpaces ? cleanUp(out) : out;
  }
}
