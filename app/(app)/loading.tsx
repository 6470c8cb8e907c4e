// Shown while a page in the app segment renders. Shaped like the dashboard (the most
// visited page) so the layout does not jump when it arrives.
export default function Loading() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading">
      <div className="grid gap-2">
        <div className="h-8 w-48 animate-pulse rounded bg-muted" />
        <div className="h-4 w-72 max-w-full animate-pulse rounded bg-muted" />
      </div>
      <div className="h-44 animate-pulse rounded-lg bg-muted" />
      <div className="h-9 animate-pulse rounded-md bg-muted" />
      <div className="divide-y rounded-lg border">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 px-3 py-4">
            <div className="size-4 animate-pulse rounded bg-muted" />
            <div className="h-4 flex-1 animate-pulse rounded bg-muted" />
            <div className="hidden h-4 w-32 animate-pulse rounded bg-muted md:block" />
            <div className="hidden h-4 w-24 animate-pulse rounded bg-muted md:block" />
          </div>
        ))}
      </div>
    </div>
  );
}
