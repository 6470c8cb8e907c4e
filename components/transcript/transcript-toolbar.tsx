"use client";

import { Redo2, TextSearch, Undo2 } from "lucide-react";
import { useEffect, useRef, useTransition } from "react";
import { redoEditAction, undoEditAction } from "@/app/(app)/jobs/transcript-actions";
import { reach, useTranscriptEdits } from "@/components/transcript/transcript-edits";
import { Button } from "@/components/ui/button";

// Ctrl+Z belongs to a field while one has focus (its own text undo), and to menus and dialogs while open.
const OWNS_KEYS = "input, textarea, select, [contenteditable]:not([contenteditable='false']), [role='menu'], [role='dialog'], [role='alertdialog']";

type ToolbarProps = { undoCount: number; redoCount: number; findOpen: boolean; onFind: (toggle: boolean) => void };

/**
 * Undo and Redo (with how many steps are kept) and the find panel, with their
 * shortcuts: Ctrl/⌘+Z and Ctrl/⌘+Shift+Z or Ctrl+Y outside fields, Ctrl/⌘+Shift+F or
 * Ctrl+H for find and replace. The browser's own Ctrl+F stays the browser's.
 */
export function TranscriptToolbar({ undoCount, redoCount, findOpen, onFind }: ToolbarProps) {
  const { jobId, announce, focusAfterRefresh } = useTranscriptEdits();
  const [pending, startTransition] = useTransition();

  const undo = () =>
    startTransition(async () => {
      const result = await reach(() => undoEditAction({ jobId }));
      if (result.ok) announce("Undone.");
      else {
        focusAfterRefresh(null);
        announce(result.error, "error");
      }
    });

  const redo = () =>
    startTransition(async () => {
      const result = await reach(() => redoEditAction({ jobId }));
      if (result.ok) announce("Redone.");
      else {
        focusAfterRefresh(null);
        announce(result.error, "error");
      }
    });

  const latest = useRef({ undo, redo, onFind, canUndo: undoCount > 0 && !pending, canRedo: redoCount > 0 && !pending });
  useEffect(() => {
    latest.current = { undo, redo, onFind, canUndo: undoCount > 0 && !pending, canRedo: redoCount > 0 && !pending };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const target = event.target instanceof Element ? event.target : null;
      const inField = !!target?.closest(OWNS_KEYS);
      // Ctrl+H deletes backwards in macOS text fields; leave it to them.
      if ((mod && event.shiftKey && key === "f") || (event.ctrlKey && !event.metaKey && !event.shiftKey && key === "h" && !inField)) {
        event.preventDefault();
        latest.current.onFind(false);
        return;
      }
      if (!mod || inField || document.querySelector("[role='dialog'], [role='menu']")) return;
      if (!event.shiftKey && key === "z") {
        event.preventDefault();
        if (latest.current.canUndo) latest.current.undo();
      } else if ((event.shiftKey && key === "z") || (event.ctrlKey && !event.shiftKey && key === "y")) {
        event.preventDefault();
        if (latest.current.canRedo) latest.current.redo();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="flex items-center gap-2">
      <Button
        variant={findOpen ? "secondary" : "outline"}
        size="sm"
        onClick={() => onFind(true)}
        data-find-toggle
        aria-expanded={findOpen}
        title="Find and replace (Ctrl+Shift+F)"
      >
        <TextSearch />
        <span className="max-sm:sr-only">Find and replace</span>
      </Button>
      <Button
        variant="outline"
        size="sm"
        data-testid="undo"
        onClick={undo}
        disabled={undoCount === 0 || pending}
        title={undoCount ? `Undo the last change (Ctrl+Z). ${undoCount} kept.` : "Nothing to undo"}
      >
        <Undo2 />
        {pending ? "Working…" : `Undo (${undoCount})`}
      </Button>
      <Button
        variant="outline"
        size="sm"
        data-testid="redo"
        onClick={redo}
        disabled={redoCount === 0 || pending}
        title={redoCount ? `Redo what was undone (Ctrl+Shift+Z). ${redoCount} to redo.` : "Nothing to redo"}
      >
        <Redo2 />
        {`Redo (${redoCount})`}
      </Button>
    </div>
  );
}
