// Limits that forms show as well as check. No zod here: client components import
// this file, and zod 4 probes for eval() on load, which the nonce CSP refuses
// (tests/e2e/csp.spec.ts reports it as a violation).

/** Beams searched per token (lib/transcription/beam.ts); 1 = greedy. */
export const MAX_BEAM_SIZE = 10;

/** Most speakers a person can ask the speaker stage to look for (lib/speakers). */
export const MAX_SPEAKERS = 20;
/** How a job finds who said what; "auto" is the neural models when installed, else rough. */
export const SPEAKER_MODES = ["off", "auto", "neural", "rough", "channel"] as const;
export type SpeakerMode = (typeof SPEAKER_MODES)[number];

/** A stored speaker mode, "off" for anything unknown. */
export function toSpeakerMode(value: string): SpeakerMode {
  return (SPEAKER_MODES as readonly string[]).includes(value) ? (value as SpeakerMode) : "off";
}
