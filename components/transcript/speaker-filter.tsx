"use client";

import { useId } from "react";
import { NativeSelect } from "@/components/ui/native-select";

/** Show every segment, or one speaker's only. */
export function SpeakerFilter({ speakers, value, onChange }: { speakers: string[]; value: string | null; onChange: (speaker: string | null) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-xs text-muted-foreground">
        Show
      </label>
      <NativeSelect
        id={id}
        data-testid="speaker-filter"
        className="h-8 w-auto text-xs"
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">All speakers ({speakers.length})</option>
        {speakers.map((speaker) => (
          <option key={speaker} value={speaker}>
            {speaker} only
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
