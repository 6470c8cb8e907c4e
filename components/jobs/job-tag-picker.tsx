"use client";

import { Plus } from "lucide-react";
import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { TagView } from "@/components/tags/tag-colors";
import { cn } from "@/lib/utils";

export type TagChoice = TagView;

type Props = {
  /** The user's tags that the job does not have yet. */
  available: TagChoice[];
  /** Every tag name the user has, to tell "add" from "create". */
  existing: TagChoice[];
  onAdd: (tag: TagChoice) => void;
  onCreate: (name: string) => void;
};

/** A small picker: type to filter the tags, pick one, or create a new one by name. */
export function JobTagPicker({ available, existing, onAdd, onCreate }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const name = query.trim();
  const needle = name.toLocaleLowerCase();
  const matches = available.filter((tag) => tag.name.toLocaleLowerCase().includes(needle)).slice(0, 50);
  const exact = existing.find((tag) => tag.name.toLocaleLowerCase() === needle);

  const close = () => {
    setOpen(false);
    setQuery("");
  };
  const add = (tag: TagChoice) => {
    onAdd(tag);
    close();
  };
  const create = () => {
    if (!name || name.length > 40) return;
    onCreate(name);
    close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    // Enter takes the exact name, else the first match (highlighted), else creates the tag.
    if (exact) {
      if (available.some((tag) => tag.id === exact.id)) add(exact);
      else close();
    } else if (name && matches.length > 0) add(matches[0]);
    else create();
  };

  return (
    <Popover open={open} onOpenChange={(next) => (next ? setOpen(true) : close())}>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="h-7 rounded-full px-2.5 text-xs">
          <Plus />
          Add tag
        </Button>
      </PopoverTrigger>
      <PopoverContent className="grid gap-2 p-2">
        <label htmlFor={`${id}-q`} className="sr-only">
          Find or create a tag
        </label>
        <Input
          id={`${id}-q`}
          value={query}
          maxLength={40}
          placeholder="Find or create a tag"
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <ul className="grid max-h-56 gap-0.5 overflow-y-auto" aria-label="Tags">
          {matches.map((tag, i) => (
            <li key={tag.id}>
              <button
                type="button"
                onClick={() => add(tag)}
                className={cn(
                  "flex w-full items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none",
                  i === 0 && name && !exact && "bg-accent/60",
                )}
              >
                <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: tag.color }} />
                <span className="truncate">{tag.name}</span>
              </button>
            </li>
          ))}
          {name && !exact ? (
            <li>
              <button
                type="button"
                onClick={create}
                className="flex w-full items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
              >
                <Plus className="size-3.5 shrink-0" />
                <span className="truncate">Create “{name}”</span>
              </button>
            </li>
          ) : null}
          {!name && matches.length === 0 ? <li className="px-2 py-1.5 text-sm text-muted-foreground">Type a name to create a tag.</li> : null}
          {exact && !available.some((tag) => tag.id === exact.id) ? (
            <li className="px-2 py-1.5 text-sm text-muted-foreground">This recording already has “{exact.name}”.</li>
          ) : null}
        </ul>
      </PopoverContent>
    </Popover>
  );
}
