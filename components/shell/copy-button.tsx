"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { browserClipboard, copyText } from "@/components/shell/copy-text";

type State = "idle" | "copied" | "failed";

/** Copies `text`, says so for a moment, and says how to copy by hand when the browser refuses. */
export function CopyButton({ text, label, onFailed }: { text: string; label: string; onFailed?: () => void }) {
  const [state, setState] = useState<State>("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="outline"
        size="sm"
        aria-label={state === "copied" ? `${label}: copied` : label}
        onClick={async () => {
          const ok = await copyText(text, browserClipboard());
          setState(ok ? "copied" : "failed");
          if (!ok) onFailed?.();
        }}
      >
        {state === "copied" ? <Check /> : <Copy />}
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      <span role="status" className="text-xs text-muted-foreground">
        {state === "copied"
          ? "Copied to the clipboard."
          : state === "failed"
            ? "This browser would not copy it: it is selected, press Ctrl+C (⌘C on a Mac)."
            : ""}
      </span>
    </span>
  );
}
