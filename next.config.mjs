/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WASM-heavy packages stay outside the server bundle.
  serverExternalPackages: [
    "onnxruntime-node",
    "@huggingface/transformers",
    "sharp",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pino",
    "rotating-file-stream",
    "@ffmpeg-installer/ffmpeg",
    "@ffprobe-installer/ffprobe",
  ],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
