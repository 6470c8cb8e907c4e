import { X } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

type TagChipProps = {
  name: string;
  color: string;
  /** Makes the chip a link, e.g. to the dashboard filtered by this tag. */
  href?: string;
  onRemove?: () => void;
  className?: string;
};

/** A tag as a small tinted pill. The tint is the tag's color at low alpha so text stays readable in either theme. */
export function TagChip({ name, color, href, onRemove, className }: TagChipProps) {
  const body: ReactNode = (
    <>
      <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: color }} />
      <span className="truncate">{name}</span>
    </>
  );
  const style = { backgroundColor: `${color}1f`, borderColor: `${color}66` };
  const base = cn("inline-flex max-w-40 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium text-foreground", className);
  if (href) {
    return (
      <Link
        href={href}
        className={cn(base, "hover:brightness-110 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring")}
        style={style}
        title={`Show jobs tagged “${name}”`}
      >
        {body}
      </Link>
    );
  }
  return (
    <span className={base} style={style}>
      {body}
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          className="-mr-1 rounded-full p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          aria-label={`Remove tag ${name}`}
        >
          <X className="size-3" />
        </button>
      ) : null}
    </span>
  );
}
