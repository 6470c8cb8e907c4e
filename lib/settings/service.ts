// Server-wide settings, one row, created with defaults on first read.
import { db } from "@/lib/db";
import { bus } from "@/lib/events/bus";
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
};

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
} as const;

export async function getSettings(): Promise<AppSettings> {
  const row = await db.settings.upsert({ where: { id: "app" }, create: { id: "app" }, update: {}, select: SELECT });
  return { ...row, defaultTask: row.defaultTask === "translate" ? "translate" : "transcribe" };
}

export async function updateSettings(input: SettingsInput): Promise<AppSettings> {
  await db.settings.upsert({ where: { id: "app" }, create: { id: "app", ...input }, update: input });
  bus.signals.emit("settings");
  return getSettings();
}
