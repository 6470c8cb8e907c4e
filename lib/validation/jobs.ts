// Job, tag and settings input, shared by forms, server actions and REST routes.
import { z } from "zod";
import { JOB_STATUSES } from "@/lib/jobs/status";
import { JOB_SORTS } from "@/lib/jobs/sort";
import { LANGUAGE_CODES } from "@/lib/languages";
import { MAX_BEAM_SIZE, MAX_SPEAKERS, SPEAKER_MODES } from "@/lib/validation/limits";

const modelName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "Choose one of the installed models.");
/** "auto" or "" means detect. */
const language = z
  .string()
  .trim()
  .transform((v) => (v === "" || v === "auto" ? null : v))
  .refine((v) => v === null || LANGUAGE_CODES.includes(v), "Choose a language Whisper knows, or auto-detect.");
const booleanish = z
  .union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])])
  .transform((v) => v === true || v === "true" || v === "on" || v === "1");
export const taskSchema = z.enum(["transcribe", "translate"], { message: "Task must be transcribe or translate." });
export const beamSizeSchema = z.coerce
  .number({ message: "Beam size is a whole number from 1 (greedy) to 10." })
  .int("Beam size is a whole number from 1 (greedy) to 10.")
  .min(1, "Beam size is at least 1 (1 = greedy decoding).")
  .max(MAX_BEAM_SIZE, `Beam size is at most ${MAX_BEAM_SIZE}: each beam costs decoder time.`);
/** openai/whisper's patience: beam search stops after round(beamSize * patience) finished sequences. */
export const patienceSchema = z.coerce
  .number({ message: "Patience is a number such as 1 or 1.5." })
  .gt(0, "Patience must be above 0 (1 = stop when as many sequences finished as there are beams).")
  .max(10, "Patience is at most 10.");

const threshold = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a number.` })
    .min(min, `${name} must be at least ${min}.`)
    .max(max, `${name} must be at most ${max}.`);

/**
 * OpenAI's long-form safeguards and the prompt (lib/transcription/safeguards.ts):
 * per job, and as Settings defaults under the same names.
 */
export const decodingOptionsShape = {
  temperatureFallback: booleanish.optional(),
  compressionRatioThreshold: threshold("The compression ratio threshold", 1, 10).optional(),
  logprobThreshold: threshold("The log-probability threshold", -10, 0).optional(),
  noSpeechThreshold: threshold("The no-speech threshold", 0, 1).optional(),
  conditionOnPreviousText: booleanish.optional(),
  /** "" clears it. */
  prompt: z
    .string()
    .max(1000, "Keep the prompt under 1000 characters: only its last 223 tokens reach the model.")
    .transform((v) => v.trim() || null)
    .nullable()
    .optional(),
};

const speakerNumber = (name: string) =>
  z
    .union([z.literal(""), z.null(), z.coerce.number({ message: `${name} must be a whole number.` })])
    .transform((v) => (v === "" || v === null ? null : v))
    .refine((v) => v === null || Number.isInteger(v), `${name} must be a whole number.`)
    .refine((v) => v === null || (v >= 1 && v <= MAX_SPEAKERS), `${name} must be from 1 to ${MAX_SPEAKERS}.`);

/**
 * Who said what (lib/speakers): the method, and a known count or a range (all null =
 * estimate the count). "" clears a number. Count and range are checked together in
 * resolveOptions, which words the conflict.
 */
export const speakerOptionsShape = {
  speakers: z.enum(SPEAKER_MODES, { message: "Speakers must be off, auto, neural, rough or channel." }).optional(),
  speakerCount: speakerNumber("The number of speakers").optional(),
  minSpeakers: speakerNumber("The fewest speakers").optional(),
  maxSpeakers: speakerNumber("The most speakers").optional(),
};

/** Identify speakers again on a finished job: the method is required, the numbers optional. */
export const identifySpeakersSchema = z.object({
  ...speakerOptionsShape,
  speakers: z.enum(SPEAKER_MODES, { message: "Speakers must be off, auto, neural, rough or channel." }),
});
export type SpeakerOptionsInput = z.infer<typeof identifySpeakersSchema>;

/**
 * The transcription options a person can choose (upload form, both restart dialogs,
 * the REST API); anything omitted is filled in by resolveOptions (lib/jobs/options.ts).
 */
export const transcriptionOptionsSchema = z.object({
  model: modelName.optional(),
  language: language.optional(),
  task: taskSchema.optional(),
  wordTimestamps: booleanish.optional(),
  beamSize: beamSizeSchema.optional(),
  patience: patienceSchema.optional(),
  /** Voice activity detection: decode only where someone speaks. */
  vad: booleanish.optional(),
  ...decodingOptionsShape,
  ...speakerOptionsShape,
});
export type TranscriptionOptionsInput = z.infer<typeof transcriptionOptionsSchema>;

/** Options sent with an upload, plus its tags. */
export const uploadOptionsSchema = transcriptionOptionsSchema.extend({
  tags: z
    .string()
    .max(1000)
    .optional()
    .transform((v) =>
      v
        ? [
            ...new Set(
              v
                .split(",")
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ]
        : [],
    ),
});

const csv = z
  .string()
  .max(2000)
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-01-31.")
  .transform((v) => new Date(`${v}T00:00:00.000Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "That date does not exist.");

export const listJobsSchema = z.object({
  status: csv.pipe(z.array(z.enum(JOB_STATUSES, { message: "Unknown status." }))).optional(),
  tag: z.string().max(64).optional(),
  q: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(64).optional(),
  sort: z.enum(JOB_SORTS, { message: `Sort by one of: ${JOB_SORTS.join(", ")}.` }).optional(),
  order: z.enum(["asc", "desc"], { message: "Order is asc or desc." }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListJobsQuery = z.infer<typeof listJobsSchema>;

export const renameJobSchema = z.object({ title: z.string().trim().min(1, "Give the recording a name.").max(200) });

export const jobIdsSchema = z.object({ ids: z.array(z.string().min(1).max(64)).min(1, "Select at least one job.").max(500) });

export const tagSchema = z.object({
  name: z.string().trim().min(1, "Give the tag a name.").max(40, "Use at most 40 characters."),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "Colors look like #3b82f6.")
    .optional(),
});
export const tagUpdateSchema = tagSchema.partial();

export const settingsSchema = z.object({
  defaultModel: modelName.nullable().optional(),
  defaultLanguage: language.nullable().optional(),
  defaultTask: taskSchema.optional(),
  wordTimestamps: booleanish.optional(),
  beamSize: beamSizeSchema.optional(),
  patience: patienceSchema.optional(),
  vad: booleanish.optional(),
  vadThreshold: z.coerce.number().min(0.05, "At least 0.05.").max(0.95, "At most 0.95.").optional(),
  vadMinSpeechMs: z.coerce.number().int().min(0, "At least 0 ms.").max(10_000, "At most 10000 ms.").optional(),
  vadMinSilenceMs: z.coerce.number().int().min(0, "At least 0 ms.").max(10_000, "At most 10000 ms.").optional(),
  vadSpeechPadMs: z.coerce.number().int().min(0, "At least 0 ms.").max(2000, "At most 2000 ms.").optional(),
  vadMaxPauseMs: z.coerce.number().int().min(0, "At least 0 ms.").max(10_000, "At most 10000 ms.").optional(),
  ...decodingOptionsShape,
  speakers: speakerOptionsShape.speakers,
  concurrency: z.coerce.number().int().min(1, "At least 1.").max(8, "At most 8.").optional(),
  cpuThreads: z.coerce.number().int().min(1).max(256).nullable().optional(),
  modelIdleMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  diskReserveMb: z.coerce
    .number()
    .int()
    .min(0)
    .max(1024 * 1024)
    .optional(),
  trashDays: z.coerce
    .number("Enter a number of days.")
    .int("Enter whole days.")
    .min(1, "At least 1 day.")
    .max(3650, "At most 3650 days (ten years).")
    .optional(),
});
export type SettingsInput = z.infer<typeof settingsSchema>;

export const searchSchema = z.object({
  q: z.string().trim().min(1, "Type something to search for.").max(500),
  tag: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  group: z.enum(["recording"], { message: 'group takes one value: "recording".' }).optional(),
});
