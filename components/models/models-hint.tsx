import { Boxes } from "lucide-react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { getConfig } from "@/lib/config";
import { scanModels } from "@/lib/models/registry";

/** Shown wherever work would need a model and none is installed. */
export async function ModelsHint() {
  const { models } = await scanModels(getConfig().modelsDir);
  if (models.length > 0) return null;
  return (
    <Alert className="flex items-start gap-3">
      <Boxes className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-medium">No Whisper model is installed yet.</p>
        <p className="text-muted-foreground">
          On the server, run <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">npm run models -- pull whisper-base</code>{" "}
          and reload. <Link href="/models" className="text-primary underline-offset-4 hover:underline">More about models</Link>
        </p>
      </div>
    </Alert>
  );
}
