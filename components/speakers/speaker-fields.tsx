"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { SPEAKER_MODE_LABELS, type SpeakerCountMode, type SpeakerValues } from "@/components/upload/speaker-values";
import { MAX_SPEAKERS, SPEAKER_MODES, type SpeakerMode } from "@/lib/validation/limits";

type Props = {
  idPrefix: string;
  value: SpeakerValues;
  onChange: (value: SpeakerValues) => void;
  disabled?: boolean;
  /** Settings: only the method, as a named field of a plain form. */
  modeOnly?: boolean;
};

/** Who said what: the method and how many speakers (estimated, exactly n, or a range). Used wherever transcription options are chosen. */
export function SpeakerFields({ idPrefix, value, onChange, disabled, modeOnly }: Props) {
  const set = (patch: Partial<SpeakerValues>) => onChange({ ...value, ...patch });
  const counted = !modeOnly && value.speakers !== "off" && value.speakers !== "channel";
  const number = (field: "speakerCount" | "minSpeakers" | "maxSpeakers", label: string) => (
    <div className="grid gap-1.5">
      <Label htmlFor={`${idPrefix}-${field}`}>{label}</Label>
      <Input
        id={`${idPrefix}-${field}`}
        type="number"
        min={1}
        max={MAX_SPEAKERS}
        step={1}
        value={value[field]}
        disabled={disabled}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </div>
  );
  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-speakers`}>Speakers</Label>
        <NativeSelect
          id={`${idPrefix}-speakers`}
          name={modeOnly ? "speakers" : undefined}
          value={value.speakers}
          disabled={disabled}
          title="Who said what, found after the transcript is done. Rough needs no model; the neural speaker models do better."
          onChange={(e) => set({ speakers: e.target.value as SpeakerMode })}
        >
          {SPEAKER_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {SPEAKER_MODE_LABELS[mode]}
            </option>
          ))}
        </NativeSelect>
      </div>
      {counted ? (
        <div className="grid gap-1.5">
          <Label htmlFor={`${idPrefix}-speaker-count`}>How many speakers</Label>
          <NativeSelect
            id={`${idPrefix}-speaker-count`}
            value={value.count}
            disabled={disabled}
            onChange={(e) => set({ count: e.target.value as SpeakerCountMode })}
          >
            <option value="estimate">Estimate</option>
            <option value="exact">Exactly…</option>
            <option value="range">Between…</option>
          </NativeSelect>
        </div>
      ) : null}
      {counted && value.count === "exact" ? number("speakerCount", "Number of speakers") : null}
      {counted && value.count === "range" ? (
        <>
          {number("minSpeakers", "At least")}
          {number("maxSpeakers", "At most")}
        </>
      ) : null}
      {value.speakers === "rough" ? (
        <p className="col-span-full text-xs text-muted-foreground">
          Rough speakers compare the sound of each utterance: fine for two or three clearly different voices. The speaker models on the Models page do better.
        </p>
      ) : null}
    </>
  );
}
