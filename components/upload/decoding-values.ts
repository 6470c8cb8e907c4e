// The options control's values for the safeguards and the prompt; no "use client",
// so server pages build them from Settings too.

/** OpenAI's long-form safeguards and the prompt (lib/jobs/options.ts DecodingChoice; "" = no prompt). */
export type DecodingValues = {
  temperatureFallback: boolean;
  compressionRatioThreshold: number;
  logprobThreshold: number;
  noSpeechThreshold: number;
  conditionOnPreviousText: boolean;
  prompt: string;
};

/** The form's values from stored ones (Settings, a job). */
export function decodingValues(stored: Omit<DecodingValues, "prompt"> & { prompt: string | null }): DecodingValues {
  return {
    temperatureFallback: stored.temperatureFallback,
    compressionRatioThreshold: stored.compressionRatioThreshold,
    logprobThreshold: stored.logprobThreshold,
    noSpeechThreshold: stored.noSpeechThreshold,
    conditionOnPreviousText: stored.conditionOnPreviousText,
    prompt: stored.prompt ?? "",
  };
}
