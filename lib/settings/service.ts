// Server-wide settings, one row, created with defaults on first read.
import { db } from "@/lib/db";
import { bus } from "@/lib/events/bus";
import { DECODING_FIELDS, resolveDefaultOptions, resolveSpeakerOptions, type DecodingChoice } from "@/lib/jobs/options";
import type { VadRequest } from "@/lib/transcription/types";
import { DEFAULT_VAD } from "@/lib/transcription/vad/regions";
import type { SettingsInput } from "@/lib/validation/jobs";
import { toSpeakerMode, type SpeakerMode } from "@/lib/validation/limits";

export type AppSettings = {
  defaultModel: string | null;
  defaultLanguage: string | null;
  defaultTask: "transcribe" | "translate";
  wordTimestamps: boolean;
  vad: boolean;
  vadThreshold: number;
  vadMinSpeechMs: number;
  vadMinSilenceMs: number;
  vadSpeechPadMs: number;
  vadMaxPauseMs: number;
  concurrency: number;
  cpuThreads: number | null;
  modelIdleMinutes: number;
  diskReserveMb: number;
  /** Days a deleted job stays restorable in the trash. */
  trashDays: number;
  beamSize: number;
  patience: number;
  dtype: string | null;
  /** Speaker identification for new uploads (Job.speakers values). */
  speakers: SpeakerMode;
} & DecodingChoice;

const SELECT = {
  defaultModel: true,
  defaultLanguage: true,
  defaultTask: true,
  wordTimestamps: true,
  vad: true,
  vadThreshold: true,
  vadMinSpeechMs: true,
  vadMinSilenceMs: true,
  vadSpeechPadMs: true,
  vadMaxPauseMs: true,
  concurrency: true,
  cpuThreads: true,
  modelIdleMinutes: true,
  diskReserveMb: true,
  trashDays: true,
  beamSize: true,
  patience: true,
  dtype: true,
  speakers: true,
  ...(Object.fromEntries(DECODING_FIELDS.map((field) => [field, true])) as Record<(typeof DECODING_FIELDS)[number], true>),
} as const;

export async function getSettings(): Promise<AppSettings> {
  // A read must not write: an upsert on every read made uploads hang on a full disk
  // before the disk guard ran. Only the very first read of a new database creates the row.
  const row =
    (await db.settings.findUnique({ where: { id: "app" }, select: SELECT })) ??
    (await db.settings.upsert({ where: { id: "app" }, create: { id: "app" }, update: {}, select: SELECT }));
  return {
    ...row,
    defaultTask: row.defaultTask === "translate" ? "translate" : "transcribe",
    speakers: toSpeakerMode(row.speakers),
  };
}

/** The transcription options a job gets when it names none: the base resolveOptions fills in. */
export function defaultOptions(settings: AppSettings) {
  return {
    model: settings.defaultModel,
    language: settings.defaultLanguage,
    task: settings.defaultTask,
    wordTimestamps: settings.wordTimestamps,
    beamSize: settings.beamSize,
    patience: settings.patience,
    vad: settings.vad,
    speakers: settings.speakers,
    speakerCount: null,
    minSpeakers: null,
    maxSpeakers: null,
    ...decodingOf(settings),
  };
}

/** The VAD thresholds a job runs with: the settings', or the defaults before settings are read. */
export function vadRequest(settings: AppSettings | undefined): VadRequest {
  if (!settings) return DEFAULT_VAD;
  return {
    threshold: settings.vadThreshold,
    minSpeechMs: settings.vadMinSpeechMs,
    minSilenceMs: settings.vadMinSilenceMs,
    speechPadMs: settings.vadSpeechPadMs,
    maxPauseMs: settings.vadMaxPauseMs,
  };
}

export async function updateSettings(raw: SettingsInput): Promise<AppSettings> {
  const current = defaultOptions(await getSettings());
  const input = await resolveDefaultOptions(raw, current);
  // "neural" as the default needs the speaker models now, as it would for one upload.
  if (raw.speakers !== undefined) await resolveSpeakerOptions({ speakers: raw.speakers }, current);
  await db.settings.upsert({ where: { id: "app" }, create: { id: "app", ...input }, update: input });
  bus.signals.emit("settings");
  return getSettings();
}

/** The safeguards and prompt new uploads get unless they say otherwise. */
function decodingOf(settings: AppSettings): DecodingChoice {
  return Object.fromEntries(DECODING_FIELDS.map((field) => [field, settings[field]])) as DecodingChoice;
}
