"use client";

// The corrections on one segment, each saved at once through a server action. The
// text change shows optimistically; every failure leaves the server's message by
// the segment. The page is revalidated by the actions, so the new transcript
// arrives with their answer.
import { useOptimistic, useState, useTransition } from "react";
import { editSegmentAction, mergeSegmentAction, retimeSegmentAction, revertSegmentAction, splitSegmentAction } from "@/app/(app)/jobs/transcript-actions";
import type { ActionResult } from "@/lib/http/action-result";
import type { TranscriptSegment } from "@/components/transcript/segment-row";
import { reach, useTranscriptEdits } from "@/components/transcript/transcript-edits";

type Call = () => Promise<ActionResult<unknown>>;
type RunOptions = { optimistic?: string; focus?: number; onFail?: () => void; onDone?: () => void };

/** The server stores text single-spaced and trimmed; compare like with like. */
const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Where the caret is, counted in the text as the server will hold it. Before the
 * segment is saved that is its stored text, which may begin with Whisper's space.
 */
function serverOffset(stored: string, value: string, caret: number, dirty: boolean): number {
  if (!dirty) return caret + (stored.length - stored.trimStart().length);
  const before = value.slice(0, caret).replace(/\s+/g, " ").trimStart();
  return before.length;
}

export function useSegmentCommands(segment: TranscriptSegment) {
  const { jobId, announce, focusAfterRefresh } = useTranscriptEdits();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useOptimistic(segment.text);
  const ref = { jobId, segmentId: segment.id };

  const run = (call: Call, done: string, options: RunOptions = {}) =>
    startTransition(async () => {
      setError(null);
      if (options.optimistic !== undefined) setText(options.optimistic);
      if (options.focus !== undefined) focusAfterRefresh(options.focus);
      const result = await reach(call);
      if (!result.ok) {
        setError(result.error);
        focusAfterRefresh(null);
        options.onFail?.();
        return;
      }
      announce(done);
      options.onDone?.();
    });

  const changed = (value: string) => normalize(value) !== normalize(segment.text);

  return {
    pending,
    error,
    clearError: () => setError(null),
    /** The text to show: the one being saved while it is. */
    text,
    save(value: string, onFail: () => void, onSaved?: () => void) {
      if (!changed(value)) return onSaved?.();
      run(() => editSegmentAction({ ...ref, text: value }), "Saved.", { optimistic: normalize(value), onFail, onDone: onSaved });
    },
    split(value: string, caret: number, onFail: () => void) {
      const dirty = changed(value);
      const offset = serverOffset(segment.text, value, caret, dirty);
      // Text typed but not saved yet is saved with the split: one action, one transaction.
      run(() => splitSegmentAction({ ...ref, offset, text: dirty ? value : undefined }), "Split in two.", { focus: segment.index + 1, onFail });
    },
    revert() {
      run(() => revertSegmentAction(ref), "Back to the machine text.", { optimistic: segment.originalText ?? undefined });
    },
    merge() {
      run(() => mergeSegmentAction(ref), "Merged with the next segment.", { focus: segment.index });
    },
    retime(start: number, end: number, onFail: () => void) {
      run(() => retimeSegmentAction({ ...ref, start, end }), "Times changed.", { onFail });
    },
  };
}
