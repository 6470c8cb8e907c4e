"use client";

// What every correction control on the job page shares: the job, a place to say what
// a change did (errors are shown next to the control that failed instead), and
// where the keyboard focus goes once the server has sent the changed transcript.
// The value never changes identity, so memoized segment rows do not re-render
// because of it.
import { createContext, useContext, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action-result";

export type TranscriptEditsApi = {
  jobId: string;
  /** Shown in the transcript's status line, which is a polite live region. */
  announce: (message: string, tone?: "done" | "error") => void;
  /** Split, merge and undo replace rows; focus the row at this index once they arrive (null forgets it). */
  focusAfterRefresh: (index: number | null) => void;
  /** A row makes its editor reachable from its neighbours; returns the unregister. */
  registerEditor: (segmentId: number, open: () => void) => () => void;
  /** Opens the editor of the segment `delta` rows from `index`; false when there is none (the first or last). */
  openNeighbour: (index: number, delta: 1 | -1) => boolean;
};

const TranscriptEditsContext = createContext<TranscriptEditsApi | null>(null);

export function TranscriptEditsProvider({ value, children }: { value: TranscriptEditsApi; children: ReactNode }) {
  return <TranscriptEditsContext value={value}>{children}</TranscriptEditsContext>;
}

export function useTranscriptEdits(): TranscriptEditsApi {
  const api = useContext(TranscriptEditsContext);
  if (!api) throw new Error("useTranscriptEdits() needs a <TranscriptEditsProvider> above it.");
  return api;
}

/** Server actions reject when the server cannot be reached; say so instead of failing silently. */
export async function reach<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: "The server could not be reached. Check the connection and try again." };
  }
}
