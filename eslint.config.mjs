// Obsidian's own review rules (eslint-plugin-obsidianmd, recommended) over the plugin and core;
// the Node-only CLI may use Node's modules.
import { defineConfig, globalIgnores } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";

export default defineConfig([
  globalIgnores(["node_modules/", "dist/", "main.js", "tests/", "scripts/", "examples/", "docs/", "coverage/", "*.config.*", "eslint.config.mjs"]),
  ...obsidianmd.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // Plugin names in UI text keep their capitals.
      "obsidianmd/ui/sentence-case": ["warn", { brands: ["Dataview", "Obsidian"] }],
      // The declarative settings API is Obsidian 1.13+; this plugin supports older versions (see manifest.json).
      "obsidianmd/settings-tab/prefer-setting-definitions": "off",
    },
  },
  {
    // The CLI runs in Node on a vault folder, where `.obsidian` is the configuration folder's default name.
    files: ["src/cli/**/*.ts"],
    languageOptions: { globals: { process: "readonly", Buffer: "readonly" } },
    rules: {
      "obsidianmd/no-nodejs-modules": "off",
      "import/no-nodejs-modules": "off",
      "obsidianmd/hardcoded-config-path": "off",
    },
  },
]);
