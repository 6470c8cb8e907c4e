"use client";

import { useOptimistic, useState, useTransition } from "react";
import { createTagAction, setJobTagAction } from "@/app/(app)/jobs/actions";
import type { ActionResult } from "@/lib/http/action-result";
import { JobTagPicker, type TagChoice } from "@/components/jobs/job-tag-picker";
import { TagChip } from "@/components/tags/tag-chip";
import { TAG_COLORS } from "@/components/tags/tag-colors";

// A tag created here gets a color from its name, so new tags differ without a
// question; the tags page can change it. The first palette entry is the grey default.
const PALETTE = TAG_COLORS.slice(1).map((c) => c.value);

function colorFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

type Change = { add: TagChoice } | { remove: string };

/** The job's tags as chips: × removes one, the picker adds or creates one. */
export function JobTags({ jobId, tags, allTags }: { jobId: string; tags: TagChoice[]; allTags: TagChoice[] }) {
  const [shown, change] = useOptimistic(tags, (current: TagChoice[], update: Change) =>
    "add" in update
      ? [...current.filter((t) => t.id !== update.add.id), update.add].sort((a, b) => a.name.localeCompare(b.name))
      : current.filter((t) => t.id !== update.remove),
  );
  const [saving, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const run = (update: Change, work: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      setError(null);
      change(update);
      const result = await work();
      if (!result.ok) setError(result.error);
    });

  const add = (tag: TagChoice) => run({ add: tag }, () => setJobTagAction({ ids: [jobId], tagId: tag.id, mode: "add" }));
  const remove = (tag: TagChoice) => run({ remove: tag.id }, () => setJobTagAction({ ids: [jobId], tagId: tag.id, mode: "remove" }));
  const create = (name: string) => {
    const color = colorFor(name);
    run({ add: { id: `new:${name}`, name, color } }, async () => {
      const created = await createTagAction({ name, color });
      if (!created.ok) return created;
      return setJobTagAction({ ids: [jobId], tagId: created.data.id, mode: "add" });
    });
  };

  const available = allTags.filter((tag) => !shown.some((t) => t.id === tag.id));
  return (
    <div className="grid gap-2">
      <ul className="flex flex-wrap items-center gap-1.5" aria-label="Tags of this recording" aria-busy={saving || undefined}>
        {shown.map((tag) => (
          <li key={tag.id} data-testid="job-tag" className="flex">
            <TagChip name={tag.name} color={tag.color} onRemove={() => remove(tag)} className="h-7 px-2.5" />
          </li>
        ))}
        <li>
          <JobTagPicker available={available} existing={allTags} onAdd={add} onCreate={create} />
        </li>
      </ul>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
