import { Ban, FileAudio } from "lucide-react";

/** Covers the page while files are dragged over it, so "drop anywhere" is visible. */
export function DropOverlay({ visible, disabledReason }: { visible: boolean; disabledReason?: string }) {
  if (!visible) return null;
  return (
    <div aria-hidden className="pointer-events-none fixed inset-0 z-40 grid place-items-center bg-background/80 p-6 backdrop-blur-sm">
      <div className="grid justify-items-center gap-3 rounded-xl border-2 border-dashed border-primary px-10 py-12 text-center">
        {disabledReason ? <Ban className="size-10 text-muted-foreground" /> : <FileAudio className="size-10 text-primary" />}
        <p className="text-lg font-semibold">{disabledReason ?? "Drop to transcribe"}</p>
        {disabledReason ? null : <p className="text-sm text-muted-foreground">Each file becomes one job with the options shown.</p>}
      </div>
    </div>
  );
}
