export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <circle cx="16" cy="16" r="13" fill="currentColor" opacity="0.15" />
      <path d="M21 6.5a11 11 0 1 0 4.5 14.8A9 9 0 0 1 21 6.5Z" fill="currentColor" />
    </svg>
  );
}
