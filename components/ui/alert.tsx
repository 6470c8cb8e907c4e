import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export function Alert({ className, variant = "default", ...props }: ComponentProps<"div"> & { variant?: "default" | "destructive" | "success" }) {
  return (
    <div
      role={variant === "destructive" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-4 py-3 text-sm",
        variant === "destructive" && "border-destructive/50 text-destructive",
        variant === "success" && "border-success/50 text-success",
        className,
      )}
      {...props}
    />
  );
}
