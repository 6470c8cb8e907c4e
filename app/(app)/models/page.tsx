import { TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import { DeleteModelButton } from "@/components/models/delete-model-button";
import { ModelCatalogList } from "@/components/models/model-catalog";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isOwner } from "@/lib/auth/owner";
import { requirePageUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { CATALOG } from "@/lib/models/catalog";
import { DTYPES } from "@/lib/models/dtypes";
import { scanModels } from "@/lib/models/registry";
import type { RewriteRecords } from "@/lib/models/rewrites";
import { modelCatalog } from "@/lib/models/service";
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

export default async function ModelsPage() {
  const user = await requirePageUser();
  const config = getConfig();
  const [{ models, broken }, catalog, owner] = await Promise.all([scanModels(config.modelsDir), modelCatalog(), isOwner(user.id)]);
  const recommended = catalog.models.find((m) => m.name === catalog.recommended);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
        <p className="text-sm text-muted-foreground">Whisper models transcribe on this server, stored in {config.modelsDir}.</p>
      </div>
      {models.length > 0 ? (
        <section className="grid gap-3" aria-labelledby="installed-heading">
          <h2 id="installed-heading" className="text-lg font-semibold">
            Installed
          </h2>
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
                  {model.hasWordTimestamps ? " · word timestamps" : ""}
                  <Rewrites records={model.rewrites} />
                  {owner && !CATALOG.some((entry) => entry.name === model.name) ? <DeleteModelButton name={model.name} /> : null}
                </CardContent>
              </Card>
            ))}
          </div>
        </section>
      ) : null}
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
      <section className="grid gap-3" aria-labelledby="catalog-heading">
        <div>
          <h2 id="catalog-heading" className="text-lg font-semibold">
            {models.length === 0 ? "Download a model to start" : "Download models"}
          </h2>
          <p className="text-sm text-muted-foreground">
            {CATALOG.length} Whisper models from {config.modelHost}. This server has {formatBytes(catalog.machine.totalMemMB * 2 ** 20)} of memory and{" "}
            {catalog.machine.cores} cores{recommended ? `, so ${recommended.name} is the suggested start` : ""}. Sizes, memory and speeds are estimates
            from the model size, not measured here; larger models are more accurate and slower.
          </p>
        </div>
        <ModelCatalogList catalog={catalog} canChange={owner} />
      </section>
    </div>
  );
}
