import path from "node:path";
import { defineConfig } from "vitest/config";

/** `npm run soak:text`: long randomized runs, never part of `npm test`. */
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: { include: ["tests/soak/**/*.soak.ts"], testTimeout: 3_600_000, reporters: ["default"] },
});
