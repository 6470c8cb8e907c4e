import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "./lib/config";

// The CLI (migrate, generate) connects the same way the app does: through the
// better-sqlite3 driver adapter and Prisma's JavaScript schema engine, so nothing
// native has to be downloaded. The database file comes from lib/config.ts (DATABASE_URL,
// else STORAGE_DIR/selenite.db), read only when a command connects, so `generate`
// works whatever the environment holds.

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const { databaseFile, databaseUrl } = getConfig();
    // better-sqlite3 creates the file but not its folder.
    fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrl });
  },
});
