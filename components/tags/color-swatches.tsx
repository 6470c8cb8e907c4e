"use client";

import { Check } from "lucide-react";
import { cn } from "@/lib/utils";
import { TAG_COLORS } from "@/components/tags/tag-colors";

/** The palette as a radio group of swatches (arrow keys are not needed: nine Tab stops are fine here). */
export function ColorSwatches({ value, onChange, label = "Color" }: { value: string; onChange: (color: string) => void; label?: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="flex flex-wrap gap-1.5">
      {TAG_COLORS.map((color) => {
        const checked = color.value.toLowerCase() === value.toLowerCase();
        return (
          <button
            key={color.value}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={color.name}
            title={color.name}
            onClick={() => onChange(color.value)}
            className={cn(
              "grid size-6 place-items-center rounded-full ring-offset-2 ring-offset-background transition focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              checked && "ring-2 ring-foreground/60",
            )}
            style={{ backgroundColor: color.value }}
          >
            {checked ? <Check className="size-3.5 text-white" strokeWidth={3} /> : null}
          </button>
        );
      })}
    </div>
  );
}
