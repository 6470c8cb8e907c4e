"use client";

import { Check, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { deleteTagAction, updateTagAction } from "@/app/(app)/jobs/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { TAG_COLORS, colorName, type TagWithCount } from "@/components/tags/tag-colors";

function jobsText(count: number): string {
  return count === 1 ? "1 job" : `${count} jobs`;
}

/** One tag in the manager: rename in place (Enter or leaving the field saves), recolor, delete. */
export function TagManagerRow({ tag, otherNames }: { tag: TagWithCount; otherNames: string[] }) {
  const [name, setName] = useState(tag.name);
  // A rename from elsewhere (another tab, the job page) arrives as a new prop.
  const [savedName, setSavedName] = useState(tag.name);
  if (savedName !== tag.name) {
    setSavedName(tag.name);
    setName(tag.name);
  }
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  function update(input: { name?: string; color?: string }) {
    startTransition(async () => {
      const result = await updateTagAction({ tagId: tag.id, ...input });
      if (result.ok) setError(null);
      else {
        setError(result.error);
        if (input.name) setName(tag.name);
      }
    });
  }

  function rename() {
    const trimmed = name.trim();
    if (!trimmed) return setName(tag.name);
    if (trimmed === tag.name) return;
    if (otherNames.some((n) => n.toLowerCase() === trimmed.toLowerCase())) {
      setName(tag.name);
      return setError(`A tag named "${trimmed}" already exists.`);
    }
    update({ name: trimmed });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteTagAction({ tagId: tag.id });
      if (!result.ok) setError(result.error);
      setConfirming(false);
    });
  }

  return (
    <li className="grid gap-1 px-3 py-2" data-testid="tag-row">
      <div className="flex items-center gap-2">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <button
              type="button"
              className="size-6 shrink-0 rounded-full border border-foreground/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
              style={{ backgroundColor: tag.color }}
              aria-label={`Color of ${tag.name}: ${colorName(tag.color)}. Change`}
              disabled={pending}
            />
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            {TAG_COLORS.map((c) => (
              <DropdownMenuItem key={c.value} onSelect={() => c.value !== tag.color && update({ color: c.value })}>
                <span aria-hidden className="size-3.5 rounded-full" style={{ backgroundColor: c.value }} />
                {c.name}
                {c.value.toLowerCase() === tag.color.toLowerCase() ? <Check className="ml-auto" /> : null}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        <Input
          value={name}
          maxLength={40}
          aria-label={`Name of tag ${tag.name}`}
          className="h-8 min-w-0 flex-1"
          onChange={(e) => setName(e.target.value.replace(/,/g, ""))}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              rename();
            } else if (e.key === "Escape" && name !== tag.name) {
              e.stopPropagation();
              setName(tag.name);
            }
          }}
          disabled={pending}
        />
        <span className="hidden w-16 shrink-0 text-right text-xs tabular-nums text-muted-foreground sm:inline">{jobsText(tag.jobCount)}</span>
        <Button
          variant="ghost"
          size="icon"
          className="size-8 shrink-0"
          onClick={() => setConfirming(true)}
          aria-label={`Delete tag ${tag.name}`}
          disabled={pending}
        >
          <Trash2 />
        </Button>
      </div>
      {error ? (
        <p role="alert" className="pl-8 text-xs text-destructive">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete the tag “${tag.name}”?`}
        confirmLabel="Delete tag"
        destructive
        pending={pending}
        onConfirm={remove}
      >
        {tag.jobCount === 0 ? (
          <p>No jobs have this tag.</p>
        ) : (
          <p>
            <strong className="text-foreground">{tag.jobCount === 1 ? "1 job has" : `${tag.jobCount} jobs have`} this tag.</strong> The tag is removed from{" "}
            {tag.jobCount === 1 ? "it" : "them"}; the recordings and transcripts stay.
          </p>
        )}
      </ConfirmDialog>
    </li>
  );
}
