// The options control's values for speaker identification; no "use client", so server
// pages build them from a job or Settings too.
import type { SpeakerMode } from "@/lib/validation/limits";

export type SpeakerCountMode = "estimate" | "exact" | "range";

export type SpeakerValues = {
  speakers: SpeakerMode;
  count: SpeakerCountMode;
  /** Numbers as typed ("" = not given). */
  speakerCount: string;
  minSpeakers: string;
  maxSpeakers: string;
};

type Stored = { speakers: SpeakerMode; speakerCount?: number | null; minSpeakers?: number | null; maxSpeakers?: number | null };

/** The form's values from a job's (or Settings') stored ones. */
export function speakerValues(stored: Stored): SpeakerValues {
  const count = stored.speakerCount ? "exact" : stored.minSpeakers || stored.maxSpeakers ? "range" : "estimate";
  const text = (n: number | null | undefined) => (n ? String(n) : "");
  return {
    speakers: stored.speakers,
    count,
    speakerCount: text(stored.speakerCount),
    minSpeakers: text(stored.minSpeakers),
    maxSpeakers: text(stored.maxSpeakers),
  };
}

/** What an upload, a restart or "Identify speakers" sends: the numbers that apply, "" for the rest. */
export function speakerFields(value: SpeakerValues): { speakers: SpeakerMode; speakerCount: string; minSpeakers: string; maxSpeakers: string } {
  const off = value.speakers === "off" || value.speakers === "channel";
  return {
    speakers: value.speakers,
    speakerCount: !off && value.count === "exact" ? value.speakerCount : "",
    minSpeakers: !off && value.count === "range" ? value.minSpeakers : "",
    maxSpeakers: !off && value.count === "range" ? value.maxSpeakers : "",
  };
}

export const SPEAKER_MODE_LABELS: Record<SpeakerMode, string> = {
  off: "Off",
  auto: "Auto (best available)",
  neural: "Neural models",
  rough: "Rough (no model)",
  channel: "By channel (one person per channel)",
};
