"use client";

import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { LANGUAGES } from "@/lib/languages";

export type ModelChoice = { name: string; multilingual: boolean; sizeBytes: number };
export type TranscriptionChoice = { model: string; language: string; task: "transcribe" | "translate"; wordTimestamps: boolean };

const SORTED_LANGUAGES = Object.entries(LANGUAGES).sort((a, b) => a[1].localeCompare(b[1]));

/** English-only models can neither detect a language nor translate; the server enforces the same. */
export function isEnglishOnly(models: ModelChoice[], name: string): boolean {
  return models.find((m) => m.name === name)?.multilingual === false;
}

type Props = {
  idPrefix: string;
  models: ModelChoice[];
  value: TranscriptionChoice;
  onChange: (value: TranscriptionChoice) => void;
  disabled?: boolean;
};

/** Model, language, task and word timings: shared by the upload area and "Restart with other options". */
export function TranscriptionOptions({ idPrefix, models, value, onChange, disabled }: Props) {
  const englishOnly = isEnglishOnly(models, value.model);
  const set = (patch: Partial<TranscriptionChoice>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-model`}>Model</Label>
        <NativeSelect id={`${idPrefix}-model`} value={value.model} disabled={disabled} onChange={(e) => set({ model: e.target.value })}>
          {models.map((m) => (
            <option key={m.name} value={m.name}>
              {m.multilingual ? m.name : `${m.name} (English only)`}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-language`}>Language</Label>
        <NativeSelect
          id={`${idPrefix}-language`}
          value={englishOnly ? "en" : value.language}
          disabled={disabled || englishOnly}
          title={englishOnly ? "This model only knows English." : undefined}
          onChange={(e) => set({ language: e.target.value })}
        >
          <option value="auto">Auto-detect</option>
          {SORTED_LANGUAGES.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-task`}>Task</Label>
        <NativeSelect
          id={`${idPrefix}-task`}
          value={englishOnly ? "transcribe" : value.task}
          disabled={disabled || englishOnly}
          title={englishOnly ? "English-only models cannot translate." : undefined}
          onChange={(e) => set({ task: e.target.value === "translate" ? "translate" : "transcribe" })}
        >
          <option value="transcribe">Transcribe</option>
          <option value="translate">Translate to English</option>
        </NativeSelect>
      </div>
      <label className="flex h-9 items-center gap-2 self-end text-sm font-medium">
        <input
          type="checkbox"
          className="size-4 accent-[var(--primary)]"
          checked={value.wordTimestamps}
          disabled={disabled}
          onChange={(e) => set({ wordTimestamps: e.target.checked })}
        />
        Word timestamps
      </label>
    </>
  );
}
