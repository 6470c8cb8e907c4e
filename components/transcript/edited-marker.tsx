"use client";

import { Undo2 } from "lucide-react";
import { useState, type MouseEvent } from "react";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

const markerClass =
  "ml-2 inline-flex items-center rounded-full border border-primary/30 bg-primary/10 px-1.5 align-[0.1em] text-[0.7rem] font-medium leading-4 text-primary";

// The marker sits inside the text, whose click seeks the player; opening it must not.
const keepFromText = (event: MouseEvent) => event.stopPropagation();

/** "edited", with the machine's text on hover and, on click, the way back to it. */
export function EditedMarker({ original, onRevert }: { original: string | null; onRevert: () => void }) {
  const [open, setOpen] = useState(false);
  if (original === null) {
    return (
      <span data-testid="edited-marker" className={markerClass} title="Edited. The machine's text was not kept for this segment.">
        edited
      </span>
    );
  }
  const machine = original.trim();
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <button
          type="button"
          data-testid="edited-marker"
          title={`Machine text: ${machine}`}
          aria-label="Edited. Show the machine text"
          onClick={keepFromText}
          className={`${markerClass} cursor-pointer hover:bg-primary/20 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring`}
        >
          edited
        </button>
      </PopoverTrigger>
      <PopoverContent align="start" className="grid w-80 gap-3" onClick={keepFromText}>
        <div className="grid gap-1">
          <p className="text-xs font-medium text-muted-foreground">The machine wrote</p>
          <blockquote className="border-l-2 pl-2 text-sm leading-relaxed">{machine || "(nothing)"}</blockquote>
        </div>
        <Button
          size="sm"
          variant="outline"
          className="justify-self-start"
          onClick={() => {
            setOpen(false);
            onRevert();
          }}
        >
          <Undo2 />
          Revert to machine text
        </Button>
      </PopoverContent>
    </Popover>
  );
}
