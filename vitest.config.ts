import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      // The plugin is tested against a faithful fake of Obsidian's API, kept in tests/.
      obsidian: fileURLToPath(new URL("./tests/fake-obsidian/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
