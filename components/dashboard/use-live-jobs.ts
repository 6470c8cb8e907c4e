"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useJobEvents, type JobEvent } from "@/components/jobs/use-job-events";
import type { DashboardJob } from "@/components/dashboard/job-types";
import { isActive, type JobStatus } from "@/lib/jobs/status";

const live = (e: Omit<JobEvent, "id">) => ({
  status: e.status,
  stage: e.stage,
  progress: e.progress,
  etaSec: e.etaSec,
  error: e.error,
  durationSec: e.durationSec,
  detectedLanguage: e.detectedLanguage,
  updatedAt: e.updatedAt,
});

/** A fresh page from the server wins, unless an event already told us something newer. */
function mergeFresh(fresh: DashboardJob[], current: DashboardJob[]): DashboardJob[] {
  const byId = new Map(current.map((j) => [j.id, j]));
  return fresh.map((job) => {
    const mine = byId.get(job.id);
    return mine && mine.updatedAt > job.updatedAt ? { ...job, ...live(mine) } : job;
  });
}

/**
 * The server-rendered page of jobs, kept current by /api/events: progress merges in
 * place; anything that changes which jobs belong on the page (a new upload, a tag, a
 * job finishing under a status filter) asks the server for the page again.
 */
export function useLiveJobs(initial: DashboardJob[]) {
  const router = useRouter();
  const [jobs, setJobs] = useState(initial);
  const [base, setBase] = useState(initial);
  const [connected, setConnected] = useState<boolean | null>(null);
  const [refreshing, startRefresh] = useTransition();
  if (base !== initial) {
    setBase(initial);
    setJobs((current) => mergeFresh(initial, current));
  }

  const known = useRef(new Map<string, JobStatus>());
  useEffect(() => {
    known.current = new Map(jobs.map((j) => [j.id, j.status]));
  }, [jobs]);

  // Events come in bursts (a batch upload, a bulk action): one refresh per burst.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => startRefresh(() => router.refresh()), 300);
  }, [router]);
  useEffect(() => () => clearTimeout(timer.current), []);

  useJobEvents({
    onJob: (event) => {
      const before = known.current.get(event.id);
      if (before === undefined) {
        // Unknown here: a new (or restarted) job that may belong on this page.
        if (event.status === "queued") refresh();
        return;
      }
      // Finishing changes the "clear finished" count and may move it out of a status filter.
      if (isActive(before) && !isActive(event.status)) refresh();
      setJobs((current) => current.map((j) => (j.id === event.id && event.updatedAt >= j.updatedAt ? { ...j, ...live(event) } : j)));
    },
    onDeleted: (id) => {
      setJobs((current) => current.filter((j) => j.id !== id));
      refresh();
    },
    onListChanged: refresh,
    onConnectionChange: setConnected,
  });

  const removeLocally = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setJobs((current) => current.filter((j) => !gone.has(j.id)));
  }, []);

  return { jobs, connected, refreshing, removeLocally };
}
