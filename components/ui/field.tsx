import type { ComponentProps } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled input with its validation message underneath. */
export function Field({ label, name, errors, ...props }: ComponentProps<"input"> & { label: string; name: string; errors?: string[] }) {
  const errorId = `${name}-error`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={name}>{label}</Label>
      <Input id={name} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? errorId : undefined} {...props} />
      {errors?.length ? (
        <p id={errorId} className="text-sm text-destructive">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}
