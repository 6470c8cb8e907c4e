"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { Input } from "@/components/ui/input";
import { TagChip } from "@/components/tags/tag-chip";
import { DEFAULT_TAG_COLOR, type TagView } from "@/components/tags/tag-colors";

type TagPickerProps = {
  id?: string;
  /** Existing tags, offered as suggestions. */
  tags: TagView[];
  /** Chosen tag names; names that do not exist yet are created by the upload. */
  value: string[];
  onChange: (names: string[]) => void;
  disabled?: boolean;
};

const MAX_TAGS = 20;

/** Pick existing tags or type new ones: Enter or a comma adds what was typed. */
export function TagPicker({ id, tags, value, onChange, disabled }: TagPickerProps) {
  const [text, setText] = useState("");
  const listId = useId();
  const colorOf = (name: string) => tags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.color ?? DEFAULT_TAG_COLOR;

  function add(raw: string) {
    const name = raw.trim().slice(0, 40);
    setText("");
    if (!name || value.length >= MAX_TAGS) return;
    // Reuse the existing tag's spelling so "interviews" does not create "Interviews" twice.
    const existing = tags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.name ?? name;
    if (!value.some((v) => v.toLowerCase() === existing.toLowerCase())) onChange([...value, existing]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(text);
    } else if (event.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const suggestions = tags.filter((t) => !value.some((v) => v.toLowerCase() === t.name.toLowerCase()));
  return (
    <div className="flex min-h-9 flex-wrap items-center gap-1 rounded-md border border-input bg-background px-2 py-1 shadow-sm focus-within:ring-2 focus-within:ring-ring">
      {value.map((name) => (
        <TagChip key={name} name={name} color={colorOf(name)} onRemove={disabled ? undefined : () => onChange(value.filter((v) => v !== name))} />
      ))}
      <Input
        id={id}
        list={listId}
        value={text}
        disabled={disabled}
        placeholder={value.length ? "" : "Add tags…"}
        className="h-7 min-w-24 flex-1 border-0 px-1 shadow-none focus-visible:ring-0"
        onChange={(e) => {
          // Picking a suggestion from the datalist fills the whole name at once: take it.
          const next = e.target.value;
          if (next.includes(",")) return add(next.replace(/,/g, ""));
          if (suggestions.some((t) => t.name === next) && next.length - text.length > 1) return add(next);
          setText(next);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => text && add(text)}
      />
      <datalist id={listId}>
        {suggestions.map((t) => (
          <option key={t.id} value={t.name} />
        ))}
      </datalist>
    </div>
  );
}
