// Our decode-only Whisper detokenizer against transformers.js's tokenizer: the same
// text for thousands of id sequences (text, special and timestamp tokens mixed,
// UTF-8 split across tokens, punctuation the clean-up rules touch), on the compact
// test vocabulary and on Whisper's full-size layout.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AutoTokenizer, env, type PreTrainedTokenizer } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Detokenizer, UnsupportedTokenizer } from "@/lib/transcription/detokenizer";
import { Rng } from "@/scripts/gen/test-model/random";
import { buildVocab, tokenizerConfigJson, tokenizerJson } from "@/scripts/gen/test-model/vocab";
import { makeTempDir } from "@/tests/helpers/media";

let dir = "";
let cleanup = async () => {};

async function writeTokenizer(name: string, tokenizer: object, config: object): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "tokenizer.json"), JSON.stringify(tokenizer));
  await writeFile(join(folder, "tokenizer_config.json"), JSON.stringify(config));
  return folder;
}

async function library(name: string): Promise<PreTrainedTokenizer> {
  env.allowRemoteModels = false;
  env.localModelPath = dir;
  return AutoTokenizer.from_pretrained(name, { local_files_only: true });
}

const KINDS = { compact: { full: false, englishOnly: false }, full: { full: true, englishOnly: false }, "full-en": { full: true, englishOnly: true } };
type Kind = keyof typeof KINDS;
const built = new Map<Kind, Promise<ReturnType<typeof buildVocab>>>();

/**
 * Built on first use, inside the test that needs it: a full-size vocabulary takes
 * seconds on a busy machine, which is the test's work, not its setup's.
 */
function vocabulary(name: Kind): Promise<ReturnType<typeof buildVocab>> {
  let vocab = built.get(name);
  if (!vocab) {
    vocab = (async () => {
      const made = buildVocab({ ...KINDS[name], seed: 11 });
      await writeTokenizer(name, tokenizerJson(made), tokenizerConfigJson(made));
      return made;
    })();
    built.set(name, vocab);
  }
  return vocab;
}

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir("selenite-detokenizer-"));
});

afterAll(async () => {
  await cleanup();
});

describe("detokenizer", () => {
  it.each(Object.keys(KINDS) as Kind[])("decodes like transformers.js (%s vocabulary)", async (name) => {
    const vocab = await vocabulary(name);
    const ours = await Detokenizer.load(join(dir, name));
    const theirs = await library(name);
    const special = vocab.special.map((t) => t.id);
    const timestamps = vocab.ids.timestampBegin;
    const rng = new Rng(name.length);
    const next = (below: number) => rng.nextInt(below);
    for (let n = 0; n < 3000; n++) {
      const ids = Array.from({ length: 1 + next(30) }, () => {
        const pick = next(10);
        if (pick === 0) return special[next(special.length)];
        if (pick === 1) return timestamps + next(1501);
        if (pick === 2 && next(10) === 0) return vocab.size + next(100); // no such token
        return next(vocab.ids.endOfText);
      });
      expect(ours.decode(ids), JSON.stringify(ids)).toBe(theirs.decode(ids, { skip_special_tokens: true }));
    }
  });

  it("applies the same clean-up to encoded sentences", async () => {
    await vocabulary("full");
    const ours = await Detokenizer.load(join(dir, "full"));
    const theirs = await library("full");
    for (const sentence of ["Hello , world . Isn 't it ?", "I 'm sure you 've seen they 're here !", "Ça coûte 5 € — naïve 日本語 ' quoted ' end"]) {
      const ids = theirs.encode(sentence, { add_special_tokens: false });
      expect(ours.decode(ids)).toBe(theirs.decode(ids, { skip_special_tokens: true }));
    }
    expect(ours.decode(theirs.encode("Hello , world .", { add_special_tokens: false }))).toBe("Hello, world.");
  });

  it("refuses a tokenizer that is not byte-level BPE", async () => {
    const vocab = buildVocab({ full: false, englishOnly: false, seed: 11 });
    const json = tokenizerJson(vocab) as { decoder: object };
    const folder = await writeTokenizer("metaspace", { ...json, decoder: { type: "Metaspace", replacement: "▁" } }, tokenizerConfigJson(vocab));
    await expect(Detokenizer.load(folder)).rejects.toThrow(UnsupportedTokenizer);
  });
});
