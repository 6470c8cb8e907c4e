// `npm run lint`: typescript-eslint's recommended rules, Next's core-web-vitals rules,
// React's hooks rules, and the house rule that only lib/config.ts reads process.env.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const noProcessEnv = {
  "no-restricted-properties": [
    "error",
    {
      object: "process",
      property: "env",
      message: "Read configuration through getConfig() in lib/config.ts, the one module that reads the environment.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "storage/**",
      "models/**",
      "logs/**",
      "tmp/**",
      "bench-output/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  reactHooks.configs.flat["recommended-latest"],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      ...noProcessEnv,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Safe names, subtitle text and log lines are cleaned by matching control
      // characters on purpose.
      "no-control-regex": "off",
      // Only tells whether the React Compiler could keep a useCallback/useMemo; the
      // compiler is not enabled here.
      "react-hooks/preserve-manual-memoization": "off",
    },
  },
  {
    // The player drives the <audio>/<video> element it holds in state: setting
    // currentTime, playbackRate or muted is how a media element is controlled, not a
    // mutation of React state, which is all this rule can see.
    files: ["components/player/**"],
    rules: { "react-hooks/immutability": "off" },
  },
  {
    // Tests read JSON bodies of the responses under test by property.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The one reader of the environment.
    files: ["lib/config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Passing the environment on to a child process (not reading settings from it):
    // the Prisma CLI wrapper, migrations run through it, the production build, and
    // server.ts handing next-auth the two variables it reads itself.
    files: ["scripts/prisma.mjs", "lib/db/migrate.ts", "lib/system/build.ts", "server.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tool configs and tests set up processes and environments for what they test; the
    // benchmarks' own knobs (BENCH_*) are not server settings.
    files: ["tests/**", "scripts/bench/**", "*.config.{ts,mjs}"],
    rules: { "no-restricted-properties": "off" },
  },
);
