import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A progress bar; `value` is 0..1, or null while the amount is not known yet. */
export function Progress({ value, className, ...props }: Omit<ComponentProps<"div">, "children"> & { value: number | null }) {
  const percent = value == null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-muted", className)}
      {...props}
    >
      <div
        className={cn("h-full rounded-full bg-primary transition-[width] duration-500 ease-out", percent == null && "w-1/3 animate-pulse")}
        style={percent == null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
