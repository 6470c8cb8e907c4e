// Server-wide settings, one row, created with defaults on first read.
import { db } from "@/lib/db";
import { bus } from "@/lib/events/bus";
import { DECODING_FIELDS, resolveDefaultOptions, type DecodingChoice } from "@/lib/jobs/options";
import type { SettingsInput } from "@/lib/validation/jobs";

export type AppSettings = {
  defaultModel: string | null;
  defaultLanguage: string | null;
  defaultTask: "transcribe" | "translate";
  wordTimestamps: boolean;
  concurrency: number;
  cpuThreads: number | null;
  modelIdleMinutes: number;
  diskReserveMb: number;
  beamSize: number;
  dtype: string | null;
} & DecodingChoice;

const SELECT = {
  defaultModel: true,
  defaultLanguage: true,
  defaultTask: true,
  wordTimestamps: true,
  concurrency: true,
  cpuThreads: true,
  modelIdleMinutes: true,
  diskReserveMb: true,
  beamSize: true,
  dtype: true,
  ...(Object.fromEntries(DECODING_FIELDS.map((field) => [field, true])) as Record<(typeof DECODING_FIELDS)[number], true>),
} as const;

export async function getSettings(): Promise<AppSettings> {
  // A read must not write: an upsert on every read made uploads hang on a full disk
  // before the disk guard ran. Only the very first read of a new database creates the row.
  const row =
    (await db.settings.findUnique({ where: { id: "app" }, select: SELECT })) ??
    (await db.settings.upsert({ where: { id: "app" }, create: { id: "app" }, update: {}, select: SELECT }));
  return { ...row, defaultTask: row.defaultTask === "translate" ? "translate" : "transcribe" };
}

export async function updateSettings(raw: SettingsInput): Promise<AppSettings> {
  const current = await getSettings();
  const input = await resolveDefaultOptions(raw, {
    model: current.defaultModel,
    language: current.defaultLanguage,
    task: current.defaultTask,
    wordTimestamps: current.wordTimestamps,
    ...decodingOf(current),
  });
  await db.settings.upsert({ where: { id: "app" }, create: { id: "app", ...input }, update: input });
  bus.signals.emit("settings");
  return getSettings();
}

/** The safeguards and prompt new uploads get unless they say otherwise. */
export function decodingOf(settings: AppSettings): DecodingChoice {
  return Object.fromEntries(DECODING_FIELDS.map((field) => [field, settings[field]])) as DecodingChoice;
}
