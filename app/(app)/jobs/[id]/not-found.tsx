import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function JobNotFound() {
  return (
    <EmptyState icon={<FileQuestion />} title="This recording is not here" level={1}>
      <p>It may have been deleted, or the link is wrong.</p>
      <Button asChild variant="outline" className="mt-4">
        <Link href="/">Back to the dashboard</Link>
      </Button>
    </EmptyState>
  );
}
