"use client";

// Shown when the root layout itself fails. No stack traces: only the digest that
// matches the server log line.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}>
        <h1>Something went wrong</h1>
        <p>The server log has the details{error.digest ? ` (reference ${error.digest})` : ""}.</p>
        <button onClick={reset}>Try again</button>
      </body>
    </html>
  );
}
