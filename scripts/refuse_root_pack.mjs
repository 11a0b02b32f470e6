// `npm pack` and `npm publish` at the repository root would ship the TypeScript sources, which Node refuses
// to run from node_modules. The root package.json is private (publish refuses it) and runs this as its
// prepack script, so pack stops too; the publishable package is the one scripts/build_npm.mjs builds.
console.error(
  "The repository root is not the npm package: its TypeScript sources do not run from node_modules.\n" +
    "Build the package and pack or publish that instead:\n" +
    "  npm run build:npm                # writes .tmp/npm/package (compiled JavaScript and declarations)\n" +
    "  npm pack .tmp/npm/package        # a tarball to try: npm install ./oktakit-management-<version>.tgz\n" +
    "  npm publish .tmp/npm/package     # a release (see CONTRIBUTING.md)",
);
process.exit(1);
