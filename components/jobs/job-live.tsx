"use client";

// The job page's live view of one job: status, stage, progress and ETA from the
// server-sent events, without reloading. When the status changes (a job finishes,
// fails, or is restarted elsewhere) the page is refreshed from the server, which
// brings the transcript and the final facts. While a job runs, the segments of each
// window it commits arrive too: the transcript so far.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { newer, useJobEvents, type JobEvent } from "@/components/jobs/use-job-events";

export type LiveJob = Pick<JobEvent, "id" | "status" | "stage" | "progress" | "etaSec" | "error" | "updatedAt" | "speakerStage">;

export type LiveSegment = { start: number; end: number; text: string };

type JobLiveValue = LiveJob & {
  /** What the running job has committed so far (not the transcript until it completes). */
  soFar: LiveSegment[];
  /** A cancel was asked for a running job; it stops within one window. */
  cancelling: boolean;
  setCancelling: (value: boolean) => void;
};

const JobLiveContext = createContext<JobLiveValue | null>(null);

function merge(current: LiveJob, event: JobEvent): LiveJob {
  const { status, stage, progress, etaSec, error, updatedAt, speakerStage } = event;
  return { ...current, status, stage, progress, etaSec, error, updatedAt, speakerStage };
}

export function JobLiveProvider({ job, soFar: initialSoFar = [], children }: { job: LiveJob; soFar?: LiveSegment[]; children: ReactNode }) {
  const router = useRouter();
  const [live, setLive] = useState(job);
  const [soFar, setSoFar] = useState(initialSoFar);
  const [cancelling, setCancelling] = useState(false);

  // A server render (after a refresh or an action) may be fresher than the events.
  const [serverJob, setServerJob] = useState(job);
  if (job !== serverJob) {
    setServerJob(job);
    if (job.updatedAt >= live.updatedAt) {
      setLive(job);
      setSoFar(initialSoFar);
    }
  }

  const liveRef = useRef(live);
  useEffect(() => {
    liveRef.current = live;
  });

  const timer = useRef<number | undefined>(undefined);
  const refresh = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => router.refresh(), 200);
  }, [router]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // The snapshot sent when the stream first opens says nothing the server render did not.
  const firstSnapshot = useRef(true);
  useJobEvents({
    onJob(event) {
      const current = liveRef.current;
      if (event.id !== current.id || !newer(current, event)) return;
      const next = merge(current, event);
      liveRef.current = next;
      setLive(next);
      // A new status, or speakers written onto the transcript: the server render brings them.
      if (event.status !== current.status || (event.speakerStage?.status !== current.speakerStage?.status && event.speakerStage?.status !== "running"))
        refresh();
    },
    onSegments(event) {
      if (event.jobId !== liveRef.current.id) return;
      // A window's segments replace whatever was at their place (a run that started over).
      setSoFar((current) => [...current.slice(0, event.firstIndex), ...event.segments]);
    },
    onDeleted(jobId) {
      if (jobId === liveRef.current.id) router.replace("/");
    },
    onListChanged() {
      if (firstSnapshot.current) {
        firstSnapshot.current = false;
        return;
      }
      refresh();
    },
  });

  const value: JobLiveValue = {
    ...live,
    soFar: live.status === "processing" ? soFar : [],
    cancelling: cancelling && live.status === "processing",
    setCancelling,
  };
  return <JobLiveContext value={value}>{children}</JobLiveContext>;
}

export function useJobLive(): JobLiveValue {
  const value = useContext(JobLiveContext);
  if (!value) throw new Error("useJobLive() needs a <JobLiveProvider> above it.");
  return value;
}
