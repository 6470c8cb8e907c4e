import { Boxes, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { scanModels } from "@/lib/models/registry";
import { DTYPES } from "@/lib/models/dtypes";
import type { RewriteRecords } from "@/lib/models/rewrites";
import { formatBytes } from "@/lib/format";

export const metadata: Metadata = { title: "Models" };

/** What the engine's load-time graph rewrites did, per precision (docs/engine.md). */
function Rewrites({ records }: { records: RewriteRecords }) {
  const loaded = DTYPES.filter((dtype) => records[dtype]);
  if (loaded.length === 0) return <p className="mt-2 text-xs">Graph rewrites: not loaded yet.</p>;
  return (
    <ul className="mt-2 grid gap-1 text-xs" aria-label="Graph rewrites">
      {loaded.map((dtype) => (
        <li key={dtype} data-testid="model-rewrites">
          <span className="font-mono">{dtype}</span>:{" "}
          {records[dtype]!.rewrites.map((r) => (
            <span key={r.name} className="mr-2" title={r.detail}>
              {r.applied ? "✓" : "✗"} {r.name}
              {r.applied ? "" : ` (${r.detail})`}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

function PullHint() {
  return (
    <p className="text-sm text-muted-foreground">
      Get more models on the server with{" "}
      <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">npm run models -- pull whisper-small</code> (also{" "}
      <code className="font-mono text-xs">whisper-base</code>, <code className="font-mono text-xs">whisper-large-v3-turbo</code>, …) and
      reload this page. <code className="font-mono text-xs">npm run models -- list</code> shows the same list.
    </p>
  );
}

export default async function ModelsPage() {
  await requirePageUser();
  const config = getConfig();
  const { models, broken } = await scanModels(config.modelsDir);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
        <p className="text-sm text-muted-foreground">Whisper models installed in {config.modelsDir}.</p>
      </div>
      {models.length === 0 ? (
        <EmptyState icon={<Boxes />} title="No models installed">
          <div className="grid gap-2">
            <p>Selenite transcribes with Whisper models stored on this server. Install one with:</p>
            <code className="rounded bg-muted px-2 py-1 font-mono text-xs text-foreground">npm run models -- pull whisper-base</code>
            <p>whisper-base is a good start on a small server; whisper-small and whisper-large-v3-turbo are more accurate and slower.</p>
          </div>
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {models.map((model) => (
            <Card key={model.name} data-testid="model-card">
              <CardHeader>
                <CardTitle className="font-mono text-base">{model.name}</CardTitle>
                <CardDescription>
                  {model.multilingual ? `${model.languages} languages` : "English only"} · {formatBytes(model.sizeBytes)}
                </CardDescription>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">
                Weights: {model.dtypes.join(", ")}
                {model.hasWordTimestamps ? " · word timings" : ""}
                <Rewrites records={model.rewrites} />
              </CardContent>
            </Card>
          ))}
        </div>
      )}
      {broken.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2 text-destructive">
              <TriangleAlert className="size-4" /> Folders that are not usable models
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2 text-sm">
              {broken.map((item) => (
                <li key={item.name}>
                  <span className="font-mono">{item.name}</span>: {item.reason}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <PullHint />
    </div>
  );
}
