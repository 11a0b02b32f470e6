# Plain workerd for examples/worker/worker.ts, without wrangler:
#   npx esbuild worker.ts --bundle --format=esm --platform=neutral --conditions=workerd,worker,import \
#     --main-fields=module,main --outfile=dist/worker.js
#   OKTA_CLIENT_TOKEN=00... npx workerd serve config.capnp     # then: curl http://localhost:8787/
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [(name = "http", address = "*:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "OKTA_CLIENT_ORGURL", text = "https://dev-123456.okta.com"),
    (name = "OKTA_CLIENT_TOKEN", fromEnvironment = "OKTA_CLIENT_TOKEN"),
  ],
  globalOutbound = "internet",
);
