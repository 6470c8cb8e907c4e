"use client";

// One line of feedback after an action ("Moved 4 jobs to the trash."), owned by the
// app layout so it outlives the list that asked for it: a list that empties itself
// (the last job moved to the trash, the last one restored) is replaced by its empty
// state, and the confirmation must still be read.
import { CircleAlert, CircleCheck, X } from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils";

export type Notice = { ok: boolean; text: string };

type NoticeApi = { notice: Notice | null; show: (notice: Notice) => void; dismiss: () => void };

const NoticeContext = createContext<NoticeApi | null>(null);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    if (!notice) return;
    // Errors stay longer: they usually say what to do.
    const timer = setTimeout(() => setNotice(null), notice.ok ? 5000 : 10000);
    return () => clearTimeout(timer);
  }, [notice]);
  const show = useCallback((next: Notice) => setNotice(next), []);
  const dismiss = useCallback(() => setNotice(null), []);
  const api = useMemo(() => ({ notice, show, dismiss }), [notice, show, dismiss]);
  return (
    <NoticeContext.Provider value={api}>
      {children}
      <NoticeArea notice={notice} onDismiss={dismiss} />
    </NoticeContext.Provider>
  );
}

export function useNotice(): NoticeApi {
  const api = useContext(NoticeContext);
  if (!api) throw new Error("useNotice() needs a NoticeProvider above it (app/(app)/layout.tsx).");
  return api;
}

/** The live region is always present, so screen readers hear each notice. */
function NoticeArea({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite" data-testid="notice" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {notice ? (
        <div
          role={notice.ok ? "status" : "alert"}
          className={cn(
            "pointer-events-auto flex w-full max-w-xl items-center gap-2 rounded-md border bg-background px-3 py-2 text-sm shadow-lg",
            notice.ok ? "border-success/40 text-success" : "border-destructive/40 text-destructive",
          )}
        >
          {notice.ok ? <CircleCheck className="size-4 shrink-0" /> : <CircleAlert className="size-4 shrink-0" />}
          <span className="flex-1">{notice.text}</span>
          <button type="button" onClick={onDismiss} className="rounded p-0.5 opacity-70 hover:opacity-100" aria-label="Dismiss">
            <X className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
