import { Trash2 } from "lucide-react";
import type { Metadata } from "next";
import { TrashList } from "@/components/trash/trash-list";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/session";
import { listTrash } from "@/lib/jobs/trash";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  const user = await requirePageUser();
  const { days, jobs } = await listTrash(user.id);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Trash</h1>
        <p className="text-sm text-muted-foreground">
          Deleted recordings stay here for {days === 1 ? "1 day" : `${days} days`} (Settings), with their transcripts, then the server removes them for good.
        </p>
      </div>
      {jobs.length === 0 ? (
        <EmptyState icon={<Trash2 />} title="The trash is empty">
          Recordings you delete wait here, ready to restore.
        </EmptyState>
      ) : (
        <TrashList jobs={jobs} />
      )}
    </div>
  );
}
