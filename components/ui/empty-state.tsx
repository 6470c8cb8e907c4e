import type { ReactNode } from "react";

/** A placeholder with a heading: an h2 under the page's title, or the page's h1 where it is the whole page (not found). */
export function EmptyState({ icon, title, children, level = 2 }: { icon?: ReactNode; title: string; children?: ReactNode; level?: 1 | 2 }) {
  const Heading = `h${level}` as const;
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-16 text-center">
      {icon ? <div className="text-muted-foreground [&_svg]:size-10">{icon}</div> : null}
      <Heading className="text-lg font-semibold">{title}</Heading>
      <div className="max-w-md text-sm text-muted-foreground">{children}</div>
    </div>
  );
}
