// What the upload probe and the engine warned about, above the transcript: a
// transcript of a cut-short file reads as whole unless someone says so.
import { Alert } from "@/components/ui/alert";

export function JobWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert aria-label="Warnings" data-testid="job-warnings" className="border-amber-500/50">
      <p className="font-medium">{warnings.length === 1 ? "Note about this file" : "Notes about this file"}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </Alert>
  );
}
