import { Search } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage() {
  const user = await requirePageUser();
  const completed = await db.job.count({ where: { userId: user.id, status: "completed" } });
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
        <p className="text-sm text-muted-foreground">Find a word or phrase across every transcript.</p>
      </div>
      {completed === 0 ? (
        <EmptyState icon={<Search />} title="Nothing to search yet">
          Once a recording has been transcribed, its text is searchable here, and a result opens the recording at
          the moment it was said.
        </EmptyState>
      ) : (
        <p className="text-sm text-muted-foreground">{completed} transcripts.</p>
      )}
    </div>
  );
}
