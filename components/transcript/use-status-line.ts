"use client";

import { useCallback, useEffect, useRef, useState } from "react";

const CLEAR_AFTER_MS = 6_000;

/** The transcript's last "Saved." or "Undoing failed…": shown briefly, errors until the next message. */
export function useStatusLine() {
  const [status, setStatus] = useState<{ message: string; tone: "done" | "error" }>({ message: "", tone: "done" });
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((message: string, tone: "done" | "error" = "done") => {
    window.clearTimeout(timer.current);
    setStatus({ message, tone });
    if (tone === "done") timer.current = window.setTimeout(() => setStatus({ message: "", tone: "done" }), CLEAR_AFTER_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { ...status, announce };
}
