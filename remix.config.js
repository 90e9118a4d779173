/** Remix 2 classic compiler. The server build is imported by server/index.ts. */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  // Browser bundles for Yjs-based packages must resolve a single copy of yjs.
  serverDependenciesToBundle: [],
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Only the routes of the page being shown are in its manifest; the rest are fetched from
    // /__manifest when a link to them appears (a smaller first page as routes grow).
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
