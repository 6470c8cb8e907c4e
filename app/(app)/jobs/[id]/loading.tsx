export default function Loading() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading the recording">
      <div className="grid gap-3">
        <div className="h-4 w-24 animate-pulse rounded bg-muted" />
        <div className="h-8 w-72 max-w-full animate-pulse rounded bg-muted" />
        <div className="h-5 w-56 max-w-full animate-pulse rounded bg-muted" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="grid content-start gap-4">
          <div className="h-28 animate-pulse rounded-lg bg-muted" />
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="h-5 animate-pulse rounded bg-muted" style={{ width: `${60 + ((i * 37) % 40)}%` }} />
          ))}
        </div>
        <div className="h-64 animate-pulse rounded-lg bg-muted max-lg:hidden" />
      </div>
    </div>
  );
}
