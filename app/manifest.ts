import type { MetadataRoute } from "next";

// GET /manifest.webmanifest - what a phone or desktop needs to install Selenite as an app.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Selenite",
    short_name: "Selenite",
    description: "Private transcription on your own server.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: "#1c1f3b",
    background_color: "#15161f",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any" },
      { src: "/icon-192.png", type: "image/png", sizes: "192x192", purpose: "any" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512", purpose: "any" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512", purpose: "maskable" },
    ],
  };
}
