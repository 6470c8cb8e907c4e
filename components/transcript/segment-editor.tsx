"use client";

import { Scissors } from "lucide-react";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";

type SegmentEditorProps = {
  initial: string;
  /** The id of the error message under the row, when there is one. */
  errorId?: string;
  /** The text is an unsaved correction kept from an earlier visit (drafts.ts). */
  restored?: boolean;
  /** Take the keyboard focus on opening (not for drafts restored on page load). */
  autoFocus?: boolean;
  onSave: (text: string) => void;
  /** Save and go on to the next (1) or previous (-1) segment's editor. */
  onMove: (text: string, delta: 1 | -1) => void;
  onSplit: (text: string, caret: number) => void;
  onCancel: () => void;
  /** Every change, to keep as a draft. */
  onDraft: (text: string) => void;
};

/**
 * A segment's text in a textarea. Segments are one line, so Enter saves rather than
 * adding a line break, and goes on to the next segment, so a transcript can be typed
 * through like a document (Alt+↓ and Alt+↑ do the same forwards and back); Shift+Enter,
 * the "new line" gesture, splits the segment at the caret instead. Nothing is saved on
 * blur: clicking elsewhere (the player, to listen again) must not save half a
 * correction, and what is typed is kept as a draft until it is saved or cancelled.
 */
export function SegmentEditor({ initial, errorId, restored = false, autoFocus = true, onSave, onMove, onSplit, onCancel, onDraft }: SegmentEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);

  // Start with the caret at the end, where a correction usually begins, not at the start.
  useEffect(() => {
    const element = area.current;
    if (!element || !autoFocus) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, [autoFocus]);

  const value = () => area.current?.value ?? initial;
  const split = () => onSplit(value(), area.current?.selectionStart ?? 0);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (event.shiftKey) split();
      else onMove(value(), 1);
    } else if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      onMove(value(), event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      // The find panel closes on Escape too; this one is the editor's.
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="grid gap-2 py-0.5">
      {restored ? (
        <p className="text-xs text-muted-foreground" data-testid="draft-restored">
          Your unsaved correction from before, restored. Save it, or cancel to keep the text as it is.
        </p>
      ) : null}
      <textarea
        ref={area}
        aria-label="Segment text"
        aria-describedby={errorId}
        aria-invalid={errorId ? true : undefined}
        defaultValue={initial}
        rows={1}
        maxLength={10_000}
        spellCheck
        onKeyDown={onKeyDown}
        onInput={(event) => onDraft(event.currentTarget.value)}
        className="field-sizing-content min-h-9 w-full resize-none rounded-md border border-input bg-background px-2 py-1.5 leading-relaxed shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive"
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => onSave(value())}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="outline" onClick={split} title="Split the segment where the cursor is (Shift+Enter)">
          <Scissors />
          Split here
        </Button>
        <span className="text-xs text-muted-foreground max-sm:hidden">
          <kbd className="font-sans">Enter</kbd> saves and goes on · <kbd className="font-sans">Alt+↑</kbd> back · <kbd className="font-sans">Esc</kbd> cancels
          · <kbd className="font-sans">Shift+Enter</kbd> splits at the cursor
        </span>
      </div>
    </div>
  );
}
