"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteModelAction } from "@/app/(app)/models/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Delete for an installed model the catalogue does not list (pulled as owner/repo, or copied in by hand). */
export function DeleteModelButton({ name }: { name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await deleteModelAction({ name });
      if (!result.ok) return setError(result.error);
      setConfirming(false);
      router.refresh();
    });
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setConfirming(true)} className="mt-3 text-destructive hover:text-destructive">
        <Trash2 />
        Delete
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${name}?`}
        confirmLabel={pending ? "Deleting…" : "Delete"}
        destructive
        pending={pending}
        onConfirm={remove}
      >
        <p>Its files are removed from the server. Recordings already transcribed keep their transcripts.</p>
        {error ? (
          <p role="alert" className="mt-2 text-destructive">
            {error}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
