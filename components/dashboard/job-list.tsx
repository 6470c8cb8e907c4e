"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TagManager } from "@/components/tags/tag-manager";
import type { TagWithCount } from "@/components/tags/tag-colors";
import type { ModelChoice } from "@/components/upload/transcription-options";
import { BulkBar } from "@/components/dashboard/bulk-bar";
import { JobListHeader } from "@/components/dashboard/job-list-header";
import { JobRow } from "@/components/dashboard/job-row";
import type { DashboardJob, JobCommands } from "@/components/dashboard/job-types";
import { RestartDialog } from "@/components/dashboard/restart-dialog";
import { useJobCommands } from "@/components/dashboard/use-job-commands";
import { useLiveJobs } from "@/components/dashboard/use-live-jobs";
import type { JobSort, SortOrder } from "@/lib/jobs/sort";

type JobListProps = {
  jobs: DashboardJob[];
  tags: TagWithCount[];
  models: ModelChoice[];
  finishedCount: number;
  /** Days a deleted job stays in the trash (Settings). */
  trashDays: number;
  /** The current search params, so tag chips can link to "this view, filtered by the tag". */
  query: string;
  /** The order the list is in (the column headers show and change it). */
  order: { sort: JobSort; order: SortOrder };
  page: number;
};

const plural = (n: number) => (n === 1 ? "1 job" : `${n} jobs`);
const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);

export function JobList({ jobs: initial, tags, models, finishedCount, trashDays, query, order, page }: JobListProps) {
  const { jobs, connected, refreshing, removeLocally } = useLiveJobs(initial);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const commands = useJobCommands((ids) => {
    removeLocally(ids);
    setSelected(new Set());
  });
  const [deleting, setDeleting] = useState<string[] | null>(null);
  // The count the question shows is the count at the moment it was asked: a refresh while it
  // is open must not change the number under the person's cursor (the server refuses a stale one).
  const [clearing, setClearing] = useState<number | null>(null);
  const [restarting, setRestarting] = useState<DashboardJob | null>(null);
  const [managingTags, setManagingTags] = useState(false);

  // Selection is per view: another page or filter starts empty, and ids that left
  // this page (deleted elsewhere) drop out of it.
  const view = `${query}#${page}`;
  const [selectedView, setSelectedView] = useState(view);
  if (selectedView !== view) {
    setSelectedView(view);
    setSelected(new Set());
  }
  const chosen = jobs.filter((j) => selected.has(j.id));
  const select = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const actions: JobCommands = {
    pending: commands.pending,
    cancel: (ids) => void commands.cancel(ids),
    restart: (ids) => void commands.restart(ids),
    restartWithOptions: setRestarting,
    remove: setDeleting,
    tag: (ids, tagId, mode) => void commands.tag(ids, tagId, mode),
    manageTags: () => setManagingTags(true),
  };

  const tagHref = (tagId: string) => {
    const params = new URLSearchParams(query);
    params.set("tag", tagId);
    params.delete("page");
    return `/?${params.toString()}`;
  };

  return (
    <section aria-label="Jobs" className="grid gap-3">
      <JobListHeader
        allSelected={chosen.length > 0 && chosen.length === jobs.length}
        someSelected={chosen.length > 0}
        onSelectAll={(on) => setSelected(new Set(on ? jobs.map((j) => j.id) : []))}
        connected={connected}
        finishedCount={finishedCount}
        onClearFinished={() => setClearing(finishedCount)}
        pending={commands.pending}
        query={query}
        order={order}
      />
      {chosen.length > 0 ? <BulkBar jobs={chosen} tags={tags} commands={actions} onClear={() => setSelected(new Set())} /> : null}
      {jobs.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">Nothing left on this page.</p>
      ) : (
        <ul className="divide-y rounded-lg border bg-card" aria-busy={refreshing || undefined} data-testid="job-list">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} tags={tags} selected={selected.has(job.id)} onSelect={select} tagHref={tagHref} commands={actions} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Move ${plural(deleting?.length ?? 0)} to the trash?`}
        confirmLabel="Move to trash"
        destructive
        pending={commands.pending}
        onConfirm={() => deleting && commands.remove(deleting).then(() => setDeleting(null))}
      >
        <p>
          {deleting?.length === 1 ? "The recording and its transcript go" : "The recordings and their transcripts go"} to the trash; running jobs are stopped
          first. Restore them from Trash within {days(trashDays)}; after that the server removes them for good.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={clearing !== null}
        onOpenChange={(open) => !open && setClearing(null)}
        title={`Move all ${plural(clearing ?? 0)} that finished to the trash?`}
        confirmLabel={`Move ${plural(clearing ?? 0)} to trash`}
        destructive
        pending={commands.pending}
        onConfirm={() => clearing !== null && commands.trashFinished(clearing).then(() => setClearing(null))}
      >
        <p>
          Every completed, failed and cancelled job in your library, on every page and not just this one: {plural(clearing ?? 0)} with their recordings and
          transcripts. Queued and running jobs stay. Restore them from Trash within {days(trashDays)}; after that the server removes them for good.
        </p>
      </ConfirmDialog>
      <TagManager tags={tags} open={managingTags} onOpenChange={setManagingTags} showTrigger={false} />
      {restarting ? (
        <RestartDialog
          job={restarting}
          models={models}
          pending={commands.pending}
          onClose={() => setRestarting(null)}
          onRestart={async (options) => {
            const result = await commands.restartWith(restarting.id, options);
            if (result.ok) setRestarting(null);
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
