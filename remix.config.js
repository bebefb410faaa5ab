// REMIX_OUT=.out/<name> builds into a folder of its own (server, assets and cache), so several people
// or agents working in one checkout can each build and serve without overwriting each other's build.
const out = process.env.REMIX_OUT;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ...(out
    ? { serverBuildPath: `${out}/build/index.js`, assetsBuildDirectory: `${out}/public/build`, cacheDirectory: `${out}/.cache` }
    : {}),
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // The classic compiler does not bundle node_modules into the server build by default for ESM;
  // keep the server-only drivers external so their native/wasm files load from node_modules.
  serverDependenciesToBundle: [/^@mantine\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
