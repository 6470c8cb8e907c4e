// The facts about a Whisper checkpoint that decoding needs, read from its
// generation_config.json and config.json. Validated rather than cast: a hand-made or
// half-converted model should fail with a sentence, not a TypeError mid-job.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { SeleniteError } from "@/lib/errors";
import type { Task } from "./types";
import { ENCODER_FRAMES, MAX_TARGET_POSITIONS, MEDIAN_FILTER_WIDTH } from "./whisper-constants";

const GenerationSchema = z.object({
  decoder_start_token_id: z.number().int(),
  eos_token_id: z.union([z.number().int(), z.array(z.number().int()).min(1)]),
  no_timestamps_token_id: z.number().int(),
  lang_to_id: z.record(z.string(), z.number().int()).optional(),
  task_to_id: z.record(z.string(), z.number().int()).optional(),
  suppress_tokens: z.array(z.number().int()).nullish(),
  begin_suppress_tokens: z.array(z.number().int()).nullish(),
  alignment_heads: z.array(z.tuple([z.number().int(), z.number().int()])).nullish(),
  max_length: z.number().int().optional(),
});

const ConfigSchema = z.object({
  decoder_layers: z.number().int().positive(),
  decoder_attention_heads: z.number().int().positive(),
  d_model: z.number().int().positive(),
  max_target_positions: z.number().int().positive().optional(),
  max_source_positions: z.number().int().positive().optional(),
  median_filter_width: z.number().int().positive().optional(),
  vocab_size: z.number().int().positive(),
});

export interface WhisperSpec {
  startOfTranscript: number;
  endOfText: number;
  noTimestamps: number;
  /** <|startofprev|>: what precedes the prompt text (the previous window, the job's prompt). */
  startOfPrev: number;
  /** <|nospeech|> (<|nocaptions|> in older vocabularies): its probability says "no one speaks". */
  noSpeech: number;
  /** First timestamp token (<|0.00|>); transformers.js assumes it follows <|notimestamps|>. */
  timestampBegin: number;
  vocabSize: number;
  multilingual: boolean;
  /** "en" -> token id; empty for English-only models. */
  languages: Map<string, number>;
  tasks: Partial<Record<Task, number>>;
  suppress: number[];
  beginSuppress: number[];
  /** [decoder layer, head] pairs whose cross-attention follows the audio; empty = none. */
  alignmentHeads: [number, number][];
  decoderLayers: number;
  decoderHeads: number;
  dModel: number;
  /** Longest token sequence (prompt + generated) the decoder's positions allow. */
  maxTargetPositions: number;
  /** Encoder frames per 30 s window (1500); one timestamp step = one frame = 20 ms. */
  encoderFrames: number;
  medianFilterWidth: number;
}

/** A model folder's JSON file, parsed (validate it before use). */
export async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, "utf8")) as unknown;
}

export async function readWhisperSpec(modelDir: string, multilingual: boolean): Promise<WhisperSpec> {
  const name = path.basename(modelDir);
  const generation = GenerationSchema.safeParse(await readJson(path.join(modelDir, "generation_config.json")));
  const config = ConfigSchema.safeParse(await readJson(path.join(modelDir, "config.json")));
  if (!generation.success || !config.success) {
    const where = generation.success ? "config.json" : "generation_config.json";
    throw new SeleniteError("unprocessable", `Model '${name}' cannot be used: its ${where} lacks the Whisper decoding settings.`);
  }
  const g = generation.data;
  const languages = new Map<string, number>();
  for (const [token, id] of Object.entries(g.lang_to_id ?? {})) {
    const code = /^<\|(.+)\|>$/.exec(token)?.[1];
    if (code) languages.set(code, id);
  }
  const isMultilingual = multilingual && languages.size > 0;
  return {
    startOfTranscript: g.decoder_start_token_id,
    endOfText: Array.isArray(g.eos_token_id) ? g.eos_token_id[0] : g.eos_token_id,
    noTimestamps: g.no_timestamps_token_id,
    // Every Whisper vocabulary orders its last specials the same way (OpenAI's
    // tokenizer.py): ..., <|startofprev|>, <|nospeech|>, <|notimestamps|>, timestamps.
    startOfPrev: g.no_timestamps_token_id - 2,
    noSpeech: g.no_timestamps_token_id - 1,
    timestampBegin: g.no_timestamps_token_id + 1,
    vocabSize: config.data.vocab_size,
    multilingual: isMultilingual,
    languages: isMultilingual ? languages : new Map(),
    tasks: { transcribe: g.task_to_id?.transcribe, translate: g.task_to_id?.translate },
    suppress: g.suppress_tokens ?? [],
    beginSuppress: g.begin_suppress_tokens ?? [],
    alignmentHeads: g.alignment_heads ?? [],
    decoderLayers: config.data.decoder_layers,
    decoderHeads: config.data.decoder_attention_heads,
    dModel: config.data.d_model,
    maxTargetPositions: config.data.max_target_positions ?? g.max_length ?? MAX_TARGET_POSITIONS,
    encoderFrames: config.data.max_source_positions ?? ENCODER_FRAMES,
    medianFilterWidth: config.data.median_filter_width ?? MEDIAN_FILTER_WIDTH,
  };
}

/**
 * The decoder prompt for the real decode: <|startoftranscript|> <|lang|> <|task|>
 * on multilingual models, <|startoftranscript|> alone on English-only ones. No
 * <|notimestamps|>: windows are placed by the timestamps the model predicts.
 */
export function promptTokens(spec: WhisperSpec, language: string, task: Task): number[] {
  if (!spec.multilingual) return [spec.startOfTranscript];
  const languageId = spec.languages.get(language);
  const taskId = spec.tasks[task];
  if (languageId === undefined) {
    throw new SeleniteError("bad_request", `This model does not know the language '${language}'.`);
  }
  if (taskId === undefined) {
    throw new SeleniteError("unprocessable", `This model cannot ${task === "translate" ? "translate" : "transcribe"}.`);
  }
  return [spec.startOfTranscript, languageId, taskId];
}
