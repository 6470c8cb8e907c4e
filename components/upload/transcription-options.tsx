"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { applyModelRule } from "@/lib/jobs/model-rule";
import { LANGUAGES } from "@/lib/languages";
import { MAX_BEAM_SIZE } from "@/lib/validation/limits";
import { SpeakerFields } from "@/components/speakers/speaker-fields";
import type { DecodingValues } from "./decoding-values";
import type { SpeakerValues } from "./speaker-values";

export type ModelChoice = { name: string; multilingual: boolean; sizeBytes?: number };
export type TranscriptionChoice = {
  model: string;
  language: string;
  task: "transcribe" | "translate";
  wordTimestamps: boolean;
  /** 1 = greedy; more = beam search (lib/transcription/beam.ts). */
  beamSize: number;
  patience: number;
  /** Voice activity detection: decode only speech. */
  vad: boolean;
  /** The safeguards and the prompt (upload panel and Settings); the restart dialogs keep the job's. */
  decoding?: DecodingValues;
  /** Who said what (lib/speakers): the upload panel, the restart dialogs and Settings (method only). */
  speakers?: SpeakerValues;
};

const SORTED_LANGUAGES = Object.entries(LANGUAGES).sort((a, b) => a[1].localeCompare(b[1]));

/** Form field names, for a plain <form> (Settings); the other users read `value`. */
type FieldNames = { model: string; language: string; task: string; wordTimestamps: string; beamSize: string; patience: string; vad: string };

type Props = {
  idPrefix: string;
  models: ModelChoice[];
  value: TranscriptionChoice;
  onChange: (value: TranscriptionChoice) => void;
  disabled?: boolean;
  names?: FieldNames;
  /** Settings: "" stands for "the first installed model". */
  firstInstalledLabel?: string;
};

/**
 * Model, language, task, word timestamps, voice detection and the search (beam size, patience): the one options control, used by the
 * upload area, both restart dialogs and Settings. It shows the English-only rule
 * (lib/jobs/model-rule.ts); the server applies the same rule in resolveOptions.
 */
export function TranscriptionOptions({ idPrefix, models, value, onChange, disabled, names, firstInstalledLabel }: Props) {
  const chosen = models.find((m) => m.name === value.model);
  const englishOnly = chosen?.multilingual === false;
  const shown = applyModelRule(chosen ?? { multilingual: true }, { language: value.language, task: value.task });
  const set = (patch: Partial<TranscriptionChoice>) => onChange({ ...value, ...patch });
  // A job's model may have been removed since: show it as such, and the server says what to do.
  const missing = value.model && !chosen ? value.model : null;
  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-model`}>Model</Label>
        <NativeSelect id={`${idPrefix}-model`} name={names?.model} value={value.model} disabled={disabled} onChange={(e) => set({ model: e.target.value })}>
          {firstInstalledLabel !== undefined ? <option value="">{firstInstalledLabel}</option> : null}
          {missing ? <option value={missing}>{`${missing} (not installed)`}</option> : null}
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
          name={names?.language}
          value={shown.language ?? value.language}
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
          name={names?.task}
          value={shown.task}
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
          name={names?.wordTimestamps}
          className="size-4 accent-[var(--primary)]"
          checked={value.wordTimestamps}
          disabled={disabled}
          onChange={(e) => set({ wordTimestamps: e.target.checked })}
        />
        Word timestamps
      </label>
      <label
        className="flex h-9 items-center gap-2 self-end text-sm font-medium"
        title="Voice activity detection: only speech is transcribed; long silences, noise and music are skipped."
      >
        <input
          type="checkbox"
          name={names?.vad}
          className="size-4 accent-[var(--primary)]"
          checked={value.vad}
          disabled={disabled}
          onChange={(e) => set({ vad: e.target.checked })}
        />
        Skip silence
      </label>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-beam`}>Beam size (1 = greedy)</Label>
        <Input
          id={`${idPrefix}-beam`}
          name={names?.beamSize}
          type="number"
          min={1}
          max={MAX_BEAM_SIZE}
          step={1}
          value={value.beamSize}
          disabled={disabled}
          title="More beams weigh more candidate transcripts per window; each costs decoder time."
          onChange={(e) => set({ beamSize: e.target.valueAsNumber })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-patience`}>Beam patience</Label>
        <Input
          id={`${idPrefix}-patience`}
          name={names?.patience}
          type="number"
          min={0.1}
          max={10}
          step={0.1}
          value={value.patience}
          disabled={disabled || value.beamSize <= 1}
          title="Beam search stops once beam size × patience candidates have finished (1 = as many as there are beams)."
          onChange={(e) => set({ patience: e.target.valueAsNumber })}
        />
      </div>
      {value.speakers ? (
        <SpeakerFields
          idPrefix={idPrefix}
          value={value.speakers}
          disabled={disabled}
          modeOnly={names !== undefined}
          onChange={(speakers) => set({ speakers })}
        />
      ) : null}
      {value.decoding ? (
        <DecodingOptions
          idPrefix={idPrefix}
          value={value.decoding}
          disabled={disabled}
          named={names !== undefined}
          onChange={(decoding) => set({ decoding })}
        />
      ) : null}
    </>
  );
}

/**
 * The prompt and the safeguards (fallback, thresholds, conditioning), folded away:
 * OpenAI's defaults suit nearly every recording. In a plain form (Settings) the
 * inputs carry the option names, which Settings shares with the job.
 */
function DecodingOptions({
  idPrefix,
  value,
  onChange,
  disabled,
  named,
}: {
  idPrefix: string;
  value: DecodingValues;
  onChange: (value: DecodingValues) => void;
  disabled?: boolean;
  named: boolean;
}) {
  const set = (patch: Partial<DecodingValues>) => onChange({ ...value, ...patch });
  const name = (field: keyof DecodingValues) => (named ? field : undefined);
  const number = (field: "compressionRatioThreshold" | "logprobThreshold" | "noSpeechThreshold", label: string, min: number, max: number, step: number) => (
    <div className="grid gap-1.5">
      <Label htmlFor={`${idPrefix}-${field}`}>{label}</Label>
      <input
        id={`${idPrefix}-${field}`}
        name={name(field)}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value[field]}
        disabled={disabled}
        className="h-9 rounded-md border border-input bg-transparent px-3 text-sm"
        onChange={(e) => set({ [field]: Number(e.target.value) })}
      />
    </div>
  );
  return (
    <details className="col-span-full grid gap-3 rounded-md border p-3 text-sm">
      <summary className="cursor-pointer font-medium">Prompt and safeguards</summary>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div className="col-span-full grid gap-1.5">
          <Label htmlFor={`${idPrefix}-prompt`}>Prompt: names, jargon, spelling the recording uses</Label>
          <textarea
            id={`${idPrefix}-prompt`}
            name={name("prompt")}
            rows={2}
            maxLength={1000}
            value={value.prompt}
            disabled={disabled}
            placeholder="e.g. Selenite, Whisper, onnxruntime, Dr. Okonkwo"
            className="rounded-md border border-input bg-transparent px-3 py-2 text-sm"
            onChange={(e) => set({ prompt: e.target.value })}
          />
        </div>
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            name={name("temperatureFallback")}
            className="size-4 accent-[var(--primary)]"
            checked={value.temperatureFallback}
            disabled={disabled}
            onChange={(e) => set({ temperatureFallback: e.target.checked })}
          />
          Retry doubtful windows at higher temperatures
        </label>
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            name={name("conditionOnPreviousText")}
            className="size-4 accent-[var(--primary)]"
            checked={value.conditionOnPreviousText}
            disabled={disabled}
            onChange={(e) => set({ conditionOnPreviousText: e.target.checked })}
          />
          Use the previous window&apos;s text as context
        </label>
        {number("compressionRatioThreshold", "Retry above this compression ratio (repetition)", 1, 10, 0.1)}
        {number("logprobThreshold", "Retry below this average log-probability", -10, 0, 0.1)}
        {number("noSpeechThreshold", "Skip as silence above this no-speech probability", 0, 1, 0.05)}
      </div>
    </details>
  );
}
