"use client";

import { LocateFixed, Minus, Plus } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { usePlayer } from "@/components/player/player-context";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatTimestamp } from "@/lib/format";

const NUDGE = 0.1;
// Hundredths: enough for subtitles, and no 12.300000000000001 after a nudge.
const round = (seconds: number) => Math.round(seconds * 100) / 100;

type SegmentTimesProps = { start: number; end: number; onSave: (start: number, end: number) => void; onCancel: () => void };

/** Start and end in seconds: typed, nudged by a tenth, or taken from where the player is. */
export function SegmentTimes({ start, end, onSave, onCancel }: SegmentTimesProps) {
  const [values, setValues] = useState({ start: String(round(start)), end: String(round(end)) });
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = () => {
    const next = { start: Number(values.start), end: Number(values.end) };
    if (!Number.isFinite(next.start) || !Number.isFinite(next.end) || values.start === "" || values.end === "") {
      setProblem("Enter both times in seconds, for example 12.5.");
    } else if (next.start < 0 || next.end <= next.start) {
      setProblem("The end must come after the start, and neither can be negative.");
    } else {
      onSave(round(next.start), round(next.end));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };
  const set = (field: "start" | "end", seconds: number) => {
    setProblem(null);
    setValues((v) => ({ ...v, [field]: String(round(Math.max(0, seconds))) }));
  };

  return (
    <form
      className="grid gap-2 rounded-md border bg-card p-2"
      aria-label="Segment times"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <TimeField
          label="Start"
          inputRef={first}
          value={values.start}
          onChange={(v) => set("start", Number(v))}
          onType={(v) => setValues((s) => ({ ...s, start: v }))}
        />
        <TimeField label="End" value={values.end} onChange={(v) => set("end", Number(v))} onType={(v) => setValues((s) => ({ ...s, end: v }))} />
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Save times
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

type TimeFieldProps = {
  label: "Start" | "End";
  value: string;
  inputRef?: Ref<HTMLInputElement>;
  /** A new value from a button: nudged or the player's position. */
  onChange: (value: number) => void;
  onType: (value: string) => void;
};

function TimeField({ label, value, inputRef, onChange, onType }: TimeFieldProps) {
  const { media } = usePlayer();
  const id = useId();
  const seconds = Number(value);
  const word = label.toLowerCase();
  return (
    <div className="grid gap-1">
      <div className="flex items-baseline gap-2 text-xs">
        <label htmlFor={id} className="font-medium text-muted-foreground">
          {label} (seconds)
        </label>
        {Number.isFinite(seconds) && value !== "" ? (
          <span aria-hidden className="font-mono tabular-nums text-muted-foreground">
            {formatTimestamp(seconds, true)}
          </span>
        ) : null}
      </div>
      <div className="flex items-center gap-1">
        <Button
          type="button"
          variant="outline"
          size="icon"
          className="size-8"
          aria-label={`Move the ${word} ${NUDGE} s earlier`}
          onClick={() => onChange(seconds - NUDGE)}
        >
          <Minus />
        </Button>
        <Input
          id={id}
          ref={inputRef}
          type="number"
          inputMode="decimal"
          step={NUDGE}
          min={0}
          value={value}
          onChange={(event) => onType(event.target.value)}
          className="h-8 w-24 font-mono tabular-nums"
        />
        <Button
          type="button"
          variant="outline"
          size="icon"
          className="size-8"
          aria-label={`Move the ${word} ${NUDGE} s later`}
          onClick={() => onChange(seconds + NUDGE)}
        >
          <Plus />
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={`Set the ${word} to the player's position`}
          title={`Set the ${word} to the player's position`}
          disabled={!media}
          onClick={() => media && onChange(media.currentTime)}
        >
          <LocateFixed />
        </Button>
      </div>
    </div>
  );
}
