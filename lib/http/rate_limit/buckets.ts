/**
 * Okta's rate-limit buckets: which requests count against the same per-minute budget. The documented
 * groupings are data ({@linkcode OKTA_BUCKETS}); a request no rule covers falls back to its method and path
 * template. The fake org in `testing/` groups requests by the same table.
 *
 * @module
 */

/** One documented grouping: the requests matching `path` (and `methods`, when given) share `bucket`. */
export interface BucketRule {
  /** The bucket's name, as the client's logs, errors and `onRateLimit` report it. */
  readonly bucket: string;
  /**
   * A path template: `{id}` matches one segment; a trailing `/**` matches the path itself and everything
   * below it.
   */
  readonly path: string;
  /** The methods the rule covers; all when absent. */
  readonly methods?: readonly string[];
  /**
   * The smallest per-minute limit Okta documents for the bucket on any plan (the Integrator Free Plan's): the
   * prior the scheduler trusts for a bucket it knows nothing of yet, so a cold burst need not wait for one
   * probe's answer.
   */
  readonly minLimit?: number;
}

/**
 * Okta's documented buckets (the "Management rate limits" reference), most specific first; the first
 * matching rule wins. Everything else under `/api/v1` shares the catch-all bucket `/api/v1`.
 */
export const OKTA_BUCKETS: readonly BucketRule[] = [
  { bucket: "/api/v1/apps/{id}", path: "/api/v1/apps/{id}", minLimit: 100 },
  { bucket: "/api/v1/apps", path: "/api/v1/apps/**", minLimit: 20 },
  // Group rules are a sub-resource of the groups collection, not a group called "rules".
  { bucket: "/api/v1/groups", path: "/api/v1/groups/rules", minLimit: 100 },
  { bucket: "/api/v1/groups/{id}", path: "/api/v1/groups/{id}", minLimit: 100 },
  { bucket: "/api/v1/groups", path: "/api/v1/groups/**", minLimit: 100 },
  { bucket: "/api/v1/users", path: "/api/v1/users", methods: ["GET", "POST"], minLimit: 100 },
  { bucket: "GET /api/v1/users/{idOrLogin}", path: "/api/v1/users/{id}", methods: ["GET"], minLimit: 100 },
  {
    bucket: "/api/v1/users/{id}",
    path: "/api/v1/users/{id}",
    methods: ["POST", "PUT", "DELETE"],
    minLimit: 100,
  },
  { bucket: "/api/v1/logs", path: "/api/v1/logs/**", minLimit: 20 },
  { bucket: "/api/v1/events", path: "/api/v1/events/**", minLimit: 20 },
  { bucket: "/api/v1/certificateAuthorities", path: "/api/v1/certificateAuthorities/**", minLimit: 100 },
  { bucket: "/api/v1/devices", path: "/api/v1/devices/**", minLimit: 100 },
  { bucket: "/oauth2/v1/clients", path: "/oauth2/v1/clients/**", minLimit: 25 },
  { bucket: "/api/v1", path: "/api/v1/**", minLimit: 100 },
];

/**
 * The path templates with parameters outside `/api/v1` (from the API description), whose ids are not
 * Okta's 20-character ones (`/privileged-access/api/v1/service-accounts/{id}` takes a UUID): a request
 * matching one is keyed by its method and template, so each id value does not get a bucket of its own.
 */
export const OTHER_TEMPLATES: readonly string[] = [
  "/integrations/api/v1/api-services/{id}",
  "/integrations/api/v1/api-services/{id}/credentials/secrets",
  "/integrations/api/v1/api-services/{id}/credentials/secrets/{id}",
  "/integrations/api/v1/api-services/{id}/credentials/secrets/{id}/lifecycle/activate",
  "/integrations/api/v1/api-services/{id}/credentials/secrets/{id}/lifecycle/deactivate",
  "/privileged-access/api/v1/okta-service-accounts/{id}",
  "/privileged-access/api/v1/service-accounts/{id}",
  "/webauthn-registration/api/v1/users/{id}/enrollments",
  "/webauthn-registration/api/v1/users/{id}/enrollments/{id}",
  "/webauthn-registration/api/v1/users/{id}/enrollments/{id}/mark-error",
];

const PRIORS = new Map(OKTA_BUCKETS.map((rule) => [rule.bucket, rule.minLimit ?? 0]));

/**
 * The smallest per-minute limit Okta documents for `bucket` ({@linkcode BucketRule.minLimit}), or 0 for a
 * bucket the table does not know (a first request then goes alone, as a probe).
 */
export function priorOf(bucket: string): number {
  return PRIORS.get(bucket) ?? 0;
}

interface CompiledRule {
  bucket: string;
  segments: string[];
  rest: boolean;
  methods?: readonly string[];
}

/** Okta ids (`00u1abc...`, 20 characters), numbers and logins: segments that vary within a template. */
const VARYING = /^(?:[0-9a-zA-Z]{20}|\d+|[^/]*@[^/]*|[^/]*%40[^/]*)$/;

function compile(rules: readonly BucketRule[]): CompiledRule[] {
  return rules.map(({ bucket, path, methods }) => {
    const rest = path.endsWith("/**");
    const segments = (rest ? path.slice(0, -3) : path).split("/").slice(1);
    return { bucket, segments, rest, methods };
  });
}

function matches(rule: CompiledRule, method: string, parts: string[]): boolean {
  if (rule.methods && !rule.methods.includes(method)) return false;
  const { segments } = rule;
  if (rule.rest ? parts.length < segments.length : parts.length !== segments.length) return false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.charCodeAt(0) === 123 /* { */) {
      if (parts[i] === "") return false;
    } else if (segment !== parts[i]) return false;
  }
  return true;
}

/**
 * Builds a bucket function over `rules`: the bucket of a method and a path without query (`GET`,
 * `/api/v1/users/00u1`), such as `GET /api/v1/users/{idOrLogin}`. Paths no rule covers are keyed by method
 * and template, with ids, numbers and logins collapsed to `{id}` (`POST /oauth2/v1/token`).
 */
function bucketRules(
  rules: readonly BucketRule[],
  templates: readonly string[],
): (method: string, path: string) => string {
  const compiled = compile(rules);
  const byTemplate = compile(templates.map((path) => ({ bucket: path, path })));
  return (method, path) => {
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    const parts = trimmed.split("/").slice(1);
    for (const rule of compiled) if (matches(rule, method, parts)) return rule.bucket;
    for (const rule of byTemplate) if (matches(rule, method, parts)) return `${method} ${rule.bucket}`;
    return `${method} /${parts.map((s) => (VARYING.test(s) ? "{id}" : s)).join("/")}`;
  };
}

/**
 * The bucket of a request by Okta's documented groupings ({@linkcode OKTA_BUCKETS}); pure.
 *
 * @example
 * ```ts
 * import { bucketOf } from "./buckets.ts";
 * console.log(bucketOf("GET", "/api/v1/apps/0oa1/users")); // "/api/v1/apps"
 * ```
 */
export const bucketOf: (method: string, path: string) => string = bucketRules(
  OKTA_BUCKETS,
  OTHER_TEMPLATES,
);
