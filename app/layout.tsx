import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ThemeProvider } from "@/components/shell/theme-provider";
import { NONCE_HEADER } from "@/lib/http/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Selenite", template: "%s · Selenite" },
  description: "Private transcription on your own server.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fcfcfd" },
    { media: "(prefers-color-scheme: dark)", color: "#15161f" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request also keeps every page dynamic: a page prerendered at build
  // time would carry no nonce, and the CSP would block its scripts.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh font-sans">
        <ThemeProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
          {children}
        </ThemeProvider>
      </body>
    </html>
  );
}
