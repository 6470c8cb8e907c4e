"use client";

import { Plus, Tags } from "lucide-react";
import { useState, useTransition, type FormEvent } from "react";
import { createTagAction } from "@/app/(app)/jobs/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ColorSwatches } from "@/components/tags/color-swatches";
import { DEFAULT_TAG_COLOR, type TagWithCount } from "@/components/tags/tag-colors";
import { TagManagerRow } from "@/components/tags/tag-manager-row";

type TagManagerProps = {
  tags: TagWithCount[];
  /** Controlled from outside (a menu's "Manage tags…"); otherwise the built-in button opens it. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  showTrigger?: boolean;
};

export function TagManager({ tags, open, onOpenChange, showTrigger = true }: TagManagerProps) {
  const [name, setName] = useState("");
  const [color, setColor] = useState<string>(DEFAULT_TAG_COLOR);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function create(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError("Give the tag a name.");
    // The database compares names exactly; people do not, so "podcast" next to "Podcast" would be a surprise.
    const twin = tags.find((t) => t.name.toLowerCase() === trimmed.toLowerCase());
    if (twin) return setError(`A tag named "${twin.name}" already exists.`);
    startTransition(async () => {
      const result = await createTagAction({ name: trimmed, color });
      if (result.ok) {
        setName("");
        setError(null);
      } else setError(result.error);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {showTrigger ? (
        <DialogTrigger asChild>
          <Button variant="outline" size="sm">
            <Tags />
            Tags
          </Button>
        </DialogTrigger>
      ) : null}
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Tags</DialogTitle>
          <DialogDescription>Group recordings by topic, person or project. Deleting a tag keeps the jobs.</DialogDescription>
        </DialogHeader>
        <form onSubmit={create} className="grid gap-3 rounded-md border bg-muted/40 p-3" aria-label="Create a tag">
          <div className="flex flex-wrap items-end gap-2">
            <div className="grid min-w-40 flex-1 gap-1.5">
              <Label htmlFor="new-tag-name">New tag</Label>
              <Input
                id="new-tag-name"
                value={name}
                maxLength={40}
                placeholder="e.g. Interviews"
                onChange={(e) => setName(e.target.value.replace(/,/g, ""))}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "new-tag-error" : undefined}
              />
            </div>
            <Button type="submit" disabled={pending}>
              <Plus />
              Create
            </Button>
          </div>
          <ColorSwatches value={color} onChange={setColor} label="Color of the new tag" />
          {error ? (
            <p id="new-tag-error" role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
        </form>
        {tags.length === 0 ? (
          <p className="py-4 text-center text-sm text-muted-foreground">No tags yet. Create one above, or type one when you upload.</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Your tags">
            {tags.map((tag) => (
              <TagManagerRow key={tag.id} tag={tag} otherNames={tags.filter((t) => t.id !== tag.id).map((t) => t.name)} />
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
