import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The JavaScript schema engine: no Rust binary to download, so migrations run on machines
// without internet access beyond the npm registry (Prisma 6.19; Prisma 7 cannot migrate there).
const url = process.env.DATABASE_URL ?? "file:./data/circle.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
