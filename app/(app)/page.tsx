import { AudioLines } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { ModelsHint } from "@/components/models/models-hint";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePageUser();
  const jobCount = await db.job.count({ where: { userId: user.id } });
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
        <p className="text-sm text-muted-foreground">Your recordings and their transcripts.</p>
      </div>
      <ModelsHint />
      {jobCount === 0 ? (
        <EmptyState icon={<AudioLines />} title="No transcripts yet">
          Recordings you transcribe will be listed here, newest first, with their progress while Whisper works on
          them. Start by installing a Whisper model (see Models); then add audio or video files.
        </EmptyState>
      ) : (
        <p className="text-sm text-muted-foreground">{jobCount} recordings.</p>
      )}
    </div>
  );
}
