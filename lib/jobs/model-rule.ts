// The one English-only rule, pure so the options component in the browser, the
// job service and the engine apply the same one: an English-only model neither
// detects a language nor translates, so it transcribes as English.
export type LanguageTask = { language: string | null; task: "transcribe" | "translate" };

export function applyModelRule(model: { multilingual: boolean }, options: LanguageTask): LanguageTask {
  return model.multilingual ? options : { language: "en", task: "transcribe" };
}
