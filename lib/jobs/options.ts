// Transcription options in one place: what an upload, a restart and the REST API
// ask for (transcriptionOptionsSchema in lib/validation/jobs.ts), filled in from
// defaults, checked against the installed models, with the English-only rule.
import { getConfig } from "@/lib/config";
import { isSeleniteError, SeleniteError } from "@/lib/errors";
import { applyModelRule } from "@/lib/jobs/model-rule";
import { resolveModel, scanModels } from "@/lib/models/registry";
import { FALLBACK_TEMPERATURES } from "@/lib/transcription/safeguards";
import type { DecodingOptions } from "@/lib/transcription/types";
import { installedSpeakerModels } from "@/lib/models/speakers";
import type { TranscriptionOptionsInput } from "@/lib/validation/jobs";
import { toSpeakerMode, type SpeakerMode } from "@/lib/validation/limits";

/** OpenAI's long-form safeguards and the prompt, as a job stores them (Job and Settings columns of these names). */
export type DecodingChoice = {
  temperatureFallback: boolean;
  compressionRatioThreshold: number;
  logprobThreshold: number;
  noSpeechThreshold: number;
  conditionOnPreviousText: boolean;
  prompt: string | null;
};

export const DECODING_FIELDS = [
  "temperatureFallback",
  "compressionRatioThreshold",
  "logprobThreshold",
  "noSpeechThreshold",
  "conditionOnPreviousText",
  "prompt",
] as const satisfies readonly (keyof DecodingChoice)[];

/** Who said what, as a job stores it: the method and a known count or a range (all null = estimate). */
export type SpeakerOptions = {
  speakers: SpeakerMode;
  speakerCount: number | null;
  minSpeakers: number | null;
  maxSpeakers: number | null;
};

export const SPEAKER_FIELDS = ["speakers", "speakerCount", "minSpeakers", "maxSpeakers"] as const satisfies readonly (keyof SpeakerOptions)[];

/** The Job columns that hold its transcription options (TranscriptionOptions): what a read of a job's options selects. */
export const jobOptionsSelect = {
  model: true,
  language: true,
  task: true,
  wordTimestamps: true,
  beamSize: true,
  patience: true,
  vad: true,
  ...Object.fromEntries([...DECODING_FIELDS, ...SPEAKER_FIELDS].map((field) => [field, true])),
} as { model: true; language: true; task: true; wordTimestamps: true; beamSize: true; patience: true; vad: true } & Record<
  (typeof DECODING_FIELDS)[number] | (typeof SPEAKER_FIELDS)[number],
  true
>;

export type TranscriptionOptions = {
  model: string;
  language: string | null;
  task: "transcribe" | "translate";
  wordTimestamps: boolean;
  /** 1 = greedy; more = beam search with this many beams (lib/transcription/beam.ts). */
  beamSize: number;
  patience: number;
  vad: boolean;
} & DecodingChoice &
  SpeakerOptions;

/** What fills in an option the input leaves out: the settings for an upload, the job's own for a restart. */
export type OptionDefaults = {
  model: string | null;
  language: string | null;
  task: string;
  wordTimestamps: boolean;
  beamSize: number;
  patience: number;
  vad: boolean;
  speakers: string;
  speakerCount: number | null;
  minSpeakers: number | null;
  maxSpeakers: number | null;
} & DecodingChoice;

/** The engine's decoding request from a job's stored choice; the job id seeds sampling, so a rerun repeats itself. */
export function decodingRequest(choice: DecodingChoice, jobId: string): Partial<DecodingOptions> {
  return {
    temperatures: choice.temperatureFallback ? FALLBACK_TEMPERATURES : [0],
    compressionRatioThreshold: choice.compressionRatioThreshold,
    logprobThreshold: choice.logprobThreshold,
    noSpeechThreshold: choice.noSpeechThreshold,
    conditionOnPreviousText: choice.conditionOnPreviousText,
    prompt: choice.prompt,
    seed: jobId,
  };
}

export const NO_MODEL_MESSAGE =
  "No Whisper model is installed yet. Download one on the Models page (or run “npm run models -- pull whisper-base” on the server), then try again.";

/**
 * The options a job runs with. Refuses at once, before any work is queued, when no
 * model is installed or the chosen one is not (or is broken), saying what to do.
 */
export async function resolveOptions(input: TranscriptionOptionsInput, defaults: OptionDefaults): Promise<TranscriptionOptions> {
  const modelsDir = getConfig().modelsDir;
  const { models } = await scanModels(modelsDir);
  if (models.length === 0) throw new SeleniteError("conflict", NO_MODEL_MESSAGE);
  const wanted = input.model ?? defaults.model ?? models[0].name;
  const model = await resolveModel(modelsDir, wanted).catch((error: unknown) => {
    if (isSeleniteError(error)) {
      const installed = models.map((m) => m.name).join(", ");
      throw new SeleniteError("unprocessable", `${error.message} Or choose an installed model: ${installed}.`);
    }
    throw error;
  });
  const requested = {
    language: input.language !== undefined ? input.language : defaults.language,
    task: input.task ?? (defaults.task === "translate" ? "translate" : "transcribe"),
  } as const;
  const decoding = Object.fromEntries(DECODING_FIELDS.map((field) => [field, input[field] !== undefined ? input[field] : defaults[field]])) as DecodingChoice;
  return {
    model: model.name,
    ...applyModelRule(model, requested),
    wordTimestamps: input.wordTimestamps ?? defaults.wordTimestamps,
    beamSize: input.beamSize ?? defaults.beamSize,
    patience: input.patience ?? defaults.patience,
    vad: input.vad ?? defaults.vad,
    ...decoding,
    ...(await resolveSpeakerOptions(input, defaults)),
  };
}

export const NEURAL_MODELS_MESSAGE =
  "Speaker identification with the neural models needs them installed: download “Speaker models” on the Models page (or run “npm run models -- pull speakers” on the server), or choose Auto or Rough.";

/**
 * The speaker method and count a job runs with. A count and a range exclude each other;
 * a range needs min ≤ max; "neural" needs the speaker models. Off clears the numbers.
 */
export async function resolveSpeakerOptions(input: Partial<Record<keyof SpeakerOptions, unknown>>, defaults: OptionDefaults): Promise<SpeakerOptions> {
  const pick = <K extends keyof SpeakerOptions>(field: K) => (input[field] !== undefined ? input[field] : defaults[field]) as SpeakerOptions[K] | string;
  const speakers = toSpeakerMode(String(pick("speakers")));
  if (speakers === "off") return { speakers, speakerCount: null, minSpeakers: null, maxSpeakers: null };
  // A new count replaces an old range and a new range an old count: only the input's own pair can conflict.
  const countGiven = input.speakerCount !== undefined && input.speakerCount !== null;
  const rangeGiven = [input.minSpeakers, input.maxSpeakers].some((v) => v !== undefined && v !== null);
  const speakerCount = rangeGiven ? null : (pick("speakerCount") as number | null);
  const minSpeakers = countGiven ? null : (pick("minSpeakers") as number | null);
  const maxSpeakers = countGiven ? null : (pick("maxSpeakers") as number | null);
  if (countGiven && rangeGiven) {
    throw new SeleniteError("unprocessable", "Give either the number of speakers or a range (fewest and most), not both.");
  }
  if (minSpeakers !== null && maxSpeakers !== null && minSpeakers > maxSpeakers) {
    throw new SeleniteError("unprocessable", `The fewest speakers (${minSpeakers}) is more than the most (${maxSpeakers}): swap them or change one.`);
  }
  if (speakers === "neural" && !(await installedSpeakerModels(getConfig().modelsDir))) throw new SeleniteError("unprocessable", NEURAL_MODELS_MESSAGE);
  return { speakers, speakerCount, minSpeakers, maxSpeakers };
}

type DefaultsInput = { defaultModel?: string | null; defaultLanguage?: string | null; defaultTask?: "transcribe" | "translate" };

/**
 * Settings' defaults for new uploads, checked as a job's options are: a named model
 * must be installed, and the English-only rule applies. null ("the first installed
 * model") is left for resolveOptions to fill in at upload time.
 */
export async function resolveDefaultOptions<T extends DefaultsInput>(input: T, current: OptionDefaults): Promise<T> {
  if (input.defaultModel === undefined && input.defaultLanguage === undefined && input.defaultTask === undefined) return input;
  const model = input.defaultModel !== undefined ? input.defaultModel : current.model;
  if (!model) return input;
  const resolved = await resolveOptions({ model, language: input.defaultLanguage, task: input.defaultTask }, current);
  return { ...input, defaultModel: resolved.model, defaultLanguage: resolved.language, defaultTask: resolved.task };
}
